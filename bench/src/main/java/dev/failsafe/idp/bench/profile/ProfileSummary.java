package dev.failsafe.idp.bench.profile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import dev.failsafe.idp.bench.cli.BenchCommandLine;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the provider's CPU went, from a Flight Recorder file the load run wrote ({@code --jfr}):
 * the share of execution samples in each part of a request, over the last seconds of the recording
 * (the measured window of the last step run). A sample belongs to the first of {@link #FEATURES}
 * found anywhere on its stack (the work a request asked for), else to the first of {@link #LAYERS}
 * found nearest its top (the framework it was in).
 *
 * <p>{@code java -cp ... dev.failsafe.idp.bench.profile.ProfileSummary FILE.jfr [SECONDS]}
 */
public final class ProfileSummary {

	/** Work done for a feature, wherever on the stack. */
	static final Map<String, Pattern> FEATURES = categories("JWT signature (JCA sign)",
			"RSASSASigner\\.sign|ECDSASigner\\.sign", "JWT verification", "JwtDecoder|RSASSAVerifier|ECDSAVerifier",
			"password hashing (Argon2id, bcrypt)", "argon2|Argon2|BCrypt", "client secret check", "Sha256SecretEncoder|DelegatingPasswordEncoder",
			"client lookup (JDBC, JSON)", "RegisteredClientRepository\\.find", "user lookup (JDBC)", "JdbcUserDirectory",
			"authorization store (codes, tokens, consents)", "AuthorizationService\\.|AuthorizationStore|ConsentService",
			"HTTP session store", "SessionRepository\\.|SessionRegistry|commitSession",
			"JWT claims and encoding (Nimbus, Spring)", "JwtGenerator|RingJwtEncoder|NimbusJwtEncoder",
			"page rendering (Thymeleaf)", "thymeleaf");

	/** Native work that counts as CPU time: Argon2id in libargon2, called through JNA. */
	static final Pattern NATIVE_HASHING = Pattern.compile("de\\.mkammerer\\.argon2");

	/** The framework a sample's top frames are in. */
	static final Map<String, Pattern> LAYERS = categories("JSON responses", "MessageConverter|tools\\.jackson",
			"metrics, observations", "io\\.micrometer|Observation", "Spring Security filters", "springframework\\.security",
			"other Spring", "springframework", "Tomcat, HTTP", "org\\.apache", "Hazelcast", "hazelcast",
			"Lettuce, Netty", "lettuce|netty");

	private ProfileSummary() {
	}

	/** Prints the breakdown of a recording ({@code --help} says how); exits 2 on bad usage. */
	public static void main(String[] args) {
		BenchCommandLine.exit(new ProfileSummaryCommand(), args);
	}

	/** The breakdown of the last {@code last} of the recording {@code file}, one line each, to print. */
	public static String text(Path file, Duration last) throws IOException {
		List<RecordedEvent> samples = new ArrayList<>();
		for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
			if (event.getStackTrace() != null && (event.getEventType().getName().equals("jdk.ExecutionSample")
					|| (event.getEventType().getName().equals("jdk.NativeMethodSample") && inNativeHashing(event)))) {
				samples.add(event);
			}
		}
		Instant end = samples.stream().map(RecordedEvent::getStartTime).max(Instant::compareTo).orElse(Instant.EPOCH);
		List<List<String>> stacks = samples.stream()
			.filter(sample -> !sample.getStartTime().isBefore(end.minus(last)))
			.map(sample -> sample.getStackTrace().getFrames().stream().map(ProfileSummary::name).toList())
			.toList();
		StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
				"%d samples (execution, and native in libargon2) in the last %d s of %s%n", stacks.size(), last.toSeconds(), file));
		summarize(stacks).forEach((category, share) -> text.append(String.format(Locale.ROOT, "%5.1f%% %s%n", 100 * share, category)));
		return text.toString();
	}

	/**
	 * A thread sampled in native code is mostly waiting (sockets, locks); one computing a password hash
	 * in libargon2 (through JNA) is working: those samples count with the execution samples.
	 */
	private static boolean inNativeHashing(RecordedEvent sample) {
		return sample.getStackTrace().getFrames().stream().anyMatch(frame -> NATIVE_HASHING.matcher(name(frame)).find());
	}

	/** The share of the stacks (top frame first) in each category, in the categories' order; empty ones left out. */
	static Map<String, Double> summarize(List<List<String>> stacks) {
		Map<String, Integer> counts = new LinkedHashMap<>();
		FEATURES.keySet().forEach(name -> counts.put(name, 0));
		LAYERS.keySet().forEach(name -> counts.put(name, 0));
		counts.put("JDK, other", 0);
		for (List<String> stack : stacks) {
			counts.merge(categorize(stack), 1, Integer::sum);
		}
		Map<String, Double> shares = new LinkedHashMap<>();
		counts.forEach((name, count) -> {
			if (count > 0) {
				shares.put(name, count / (double) stacks.size());
			}
		});
		return shares;
	}

	static String categorize(List<String> stack) {
		for (Map.Entry<String, Pattern> feature : FEATURES.entrySet()) {
			if (stack.stream().anyMatch(frame -> feature.getValue().matcher(frame).find())) {
				return feature.getKey();
			}
		}
		for (String frame : stack) {
			for (Map.Entry<String, Pattern> layer : LAYERS.entrySet()) {
				if (layer.getValue().matcher(frame).find()) {
					return layer.getKey();
				}
			}
		}
		return "JDK, other";
	}

	private static String name(RecordedFrame frame) {
		return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
	}

	private static Map<String, Pattern> categories(String... namesAndPatterns) {
		Map<String, Pattern> categories = new LinkedHashMap<>();
		for (int i = 0; i < namesAndPatterns.length; i += 2) {
			categories.put(namesAndPatterns[i], Pattern.compile(namesAndPatterns[i + 1]));
		}
		return categories;
	}

}
