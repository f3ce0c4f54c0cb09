-- OpenID Connect Back-Channel Logout 1.0 section 2.2: where a client receives logout tokens, and
-- whether it needs sid in them (every logout token carries it). Read and written by
-- BackChannelLogoutColumns beside Spring's registered-client columns.
ALTER TABLE oauth2_registered_client ADD COLUMN backchannel_logout_uri varchar(1000) DEFAULT NULL;
ALTER TABLE oauth2_registered_client ADD COLUMN backchannel_logout_session_required boolean DEFAULT FALSE NOT NULL;
