package dev.failsafe.idp.samples.verifier;

import java.net.URI;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import dev.failsafe.idp.samples.verifier.testing.LocalIssuer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Verifications per second of one provider-shaped access token (RS256, 2048-bit key): through the
 * library (parse, typ, kid lookup in the warm JWKS cache, signature, claims) and through raw Nimbus
 * (parse and signature check with a verifier built once: the least any verification can do). Run
 * by {@link VerificationThroughputBenchmarkTest}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class VerificationBenchmark {

	private LocalIssuer issuer;

	private TokenVerifier verifier;

	private RSASSAVerifier rawVerifier;

	private String token;

	@Setup(Level.Trial)
	public void setUp() throws Exception {
		this.issuer = LocalIssuer.create();
		this.verifier = TokenVerifier.create(VerifierSettings
			.builder(URI.create(LocalIssuer.ISSUER), this.issuer.jwksUri())
			.audience(LocalIssuer.AUDIENCE)
			.build());
		this.token = this.issuer.accessToken();
		this.rawVerifier = new RSASSAVerifier(this.issuer.signingKey().toRSAPublicKey());
		// Warm the JWKS cache: the benchmark measures verification, not the first fetch.
		this.verifier.verifyAccessToken(this.token);
	}

	@TearDown(Level.Trial)
	public void tearDown() throws Exception {
		this.verifier.close();
		this.issuer.close();
	}

	@Benchmark
	public VerifiedToken library() throws Exception {
		return this.verifier.verifyAccessToken(this.token);
	}

	@Benchmark
	public boolean rawNimbus() throws java.text.ParseException, JOSEException {
		return SignedJWT.parse(this.token).verify(this.rawVerifier);
	}

}
