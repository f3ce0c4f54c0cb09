-- The address claim (OIDC Core 5.1.1): one column per member, NULL when not set.
ALTER TABLE users ADD COLUMN address_formatted varchar(500);
ALTER TABLE users ADD COLUMN address_street_address varchar(500);
ALTER TABLE users ADD COLUMN address_locality varchar(100);
ALTER TABLE users ADD COLUMN address_region varchar(100);
ALTER TABLE users ADD COLUMN address_postal_code varchar(20);
ALTER TABLE users ADD COLUMN address_country varchar(100);
-- Room in a client's settings for the public keys it signs request objects with (jwks).
ALTER TABLE oauth2_registered_client ALTER COLUMN client_settings SET DATA TYPE varchar(8000);
