package dev.failsafe.idp.bench.jwt;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Signing and verifying an access token as the provider issues it (RFC 9068 claims, Nimbus), per
 * thread: the limit the token endpoint can approach on one core. {@code algorithm} is RS256 (2048-bit
 * key, as the provider generates) or ES256 (P-256); {@code provider} is the JDK's own JCA provider or
 * Amazon Corretto Crypto Provider (AWS-LC, native). Run with {@code -t 2} for both cores.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class JwtSignatureBenchmark {

	@Param({ "RS256", "ES256" })
	public String algorithm;

	@Param({ "jdk", "accp" })
	public String provider;

	private JWSSigner signer;

	private JWSVerifier verifier;

	private JWSHeader header;

	private JWTClaimsSet claims;

	private String signed;

	@Setup
	public void setUp() throws JOSEException {
		Provider jca = jcaProvider(this.provider);
		if ("RS256".equals(this.algorithm)) {
			RSAKey key = new RSAKeyGenerator(2048).keyID("bench-rsa").generate();
			RSASSASigner rsaSigner = new RSASSASigner((PrivateKey) own(key.toPrivateKey(), "RSA", jca));
			RSASSAVerifier rsaVerifier = new RSASSAVerifier((RSAPublicKey) own(key.toPublicKey(), "RSA", jca));
			rsaSigner.getJCAContext().setProvider(jca);
			rsaVerifier.getJCAContext().setProvider(jca);
			this.signer = rsaSigner;
			this.verifier = rsaVerifier;
		}
		else {
			ECKey key = new ECKeyGenerator(Curve.P_256).keyID("bench-ec").generate();
			ECDSASigner ecSigner = new ECDSASigner((ECPrivateKey) own(key.toPrivateKey(), "EC", jca), Curve.P_256);
			ECDSAVerifier ecVerifier = new ECDSAVerifier((ECPublicKey) own(key.toPublicKey(), "EC", jca));
			ecSigner.getJCAContext().setProvider(jca);
			ecVerifier.getJCAContext().setProvider(jca);
			this.signer = ecSigner;
			this.verifier = ecVerifier;
		}
		this.header = new JWSHeader.Builder(JWSAlgorithm.parse(this.algorithm)).type(new JOSEObjectType("at+jwt"))
			.keyID("bench")
			.build();
		Instant now = Instant.now();
		this.claims = new JWTClaimsSet.Builder().issuer("http://127.0.0.1:9000")
			.subject("demo-partner-api")
			.audience("demo-partner-api")
			.claim("client_id", "demo-partner-api")
			.claim("scope", "orders.read")
			.jwtID(UUID.randomUUID().toString())
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(300)))
			.build();
		this.signed = sign();
	}

	/**
	 * The key as the provider's own key object, as the running provider has it (its keys are decoded
	 * through the first JCA provider): otherwise a native provider converts the key on every signature.
	 */
	static Key own(Key key, String algorithm, Provider jca) throws JOSEException {
		if (jca == null) {
			return key;
		}
		try {
			return KeyFactory.getInstance(algorithm, jca).translateKey(key);
		}
		catch (GeneralSecurityException ex) {
			throw new JOSEException("cannot translate the key to " + jca.getName(), ex);
		}
	}

	/** The JCA provider for {@code name}: {@code null} (the JDK's default) or ACCP, which must be healthy. */
	static Provider jcaProvider(String name) {
		if ("jdk".equals(name)) {
			return null;
		}
		AmazonCorrettoCryptoProvider.INSTANCE.assertHealthy();
		return AmazonCorrettoCryptoProvider.INSTANCE;
	}

	@Benchmark
	public String sign() throws JOSEException {
		SignedJWT jwt = new SignedJWT(this.header, this.claims);
		jwt.sign(this.signer);
		return jwt.serialize();
	}

	@Benchmark
	public boolean verify() throws JOSEException, ParseException {
		return SignedJWT.parse(this.signed).verify(this.verifier);
	}

}
