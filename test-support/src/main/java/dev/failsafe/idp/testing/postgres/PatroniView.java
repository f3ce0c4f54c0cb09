package dev.failsafe.idp.testing.postgres;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.failsafe.idp.testing.network.Site;
import dev.failsafe.idp.testing.postgres.PatroniCluster.Member;

/**
 * A {@link PatroniCluster} as its members' REST APIs describe it ({@code GET /cluster},
 * {@code GET /patroni}), asked on each call: who leads, who is primary, who streams.
 */
final class PatroniView {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

	private final Map<String, Site> members;

	/** @param members every member's name and site, in a stable order */
	PatroniView(Map<String, Site> members) {
		this.members = new LinkedHashMap<>(members);
	}

	/** See {@link PatroniCluster#members()}. */
	Map<String, Member> members() {
		for (Site site : this.members.values()) {
			JsonNode cluster = get(site, "/cluster");
			if (cluster != null) {
				Map<String, Member> view = new LinkedHashMap<>();
				for (JsonNode member : cluster.path("members")) {
					view.put(member.path("name").asString(), new Member(member.path("role").asString(),
							member.path("state").asString(), member.path("lag").asLong(-1),
							member.path("timeline").asLong(-1)));
				}
				return view;
			}
		}
		return Map.of();
	}

	/** See {@link PatroniCluster#leader()}. */
	String leader() {
		Map<String, Integer> named = new LinkedHashMap<>();
		for (Site site : this.members.values()) {
			JsonNode cluster = get(site, "/cluster");
			if (cluster != null) {
				for (JsonNode member : cluster.path("members")) {
					if ("leader".equals(member.path("role").asString())) {
						named.merge(member.path("name").asString(), 1, Integer::sum);
					}
				}
			}
		}
		return named.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
	}

	/** See {@link PatroniCluster#primaries()}. */
	List<String> primaries() {
		List<String> primaries = new ArrayList<>();
		this.members.forEach((name, site) -> {
			JsonNode self = get(site, "/patroni");
			if (self != null && ("master".equals(self.path("role").asString())
					|| "primary".equals(self.path("role").asString()))) {
				primaries.add(name);
			}
		});
		return primaries;
	}

	/** See {@link PatroniCluster#streaming(String)}. */
	boolean streaming(String name) {
		String leader = leader();
		if (leader == null || leader.equals(name)) {
			return false;
		}
		Map<String, Member> view = members();
		Member member = view.get(name);
		Member primary = view.get(leader);
		JsonNode status = get(this.members.get(leader), "/patroni");
		if (member == null || primary == null || status == null || !member.streaming()
				|| member.timeline() < 1 || member.timeline() != primary.timeline()) {
			return false;
		}
		for (JsonNode standby : status.path("replication")) {
			if (name.equals(standby.path("application_name").asString())
					&& "streaming".equals(standby.path("state").asString())) {
				return true;
			}
		}
		return false;
	}

	/** Asks {@code candidate}'s Patroni to take over from {@code leader} ({@code POST /switchover}). */
	void requestSwitchover(String leader, String candidate) throws IOException, InterruptedException {
		HttpResponse<String> answer = HTTP.send(
				HttpRequest.newBuilder(URI.create("http://" + this.members.get(candidate).address() + ":"
						+ PatroniCluster.REST_PORT + "/switchover"))
					.timeout(Duration.ofSeconds(30))
					.POST(HttpRequest.BodyPublishers.ofString(
							"{\"leader\":\"" + leader + "\",\"candidate\":\"" + candidate + "\"}"))
					.build(),
				HttpResponse.BodyHandlers.ofString());
		if (answer.statusCode() != 200) {
			throw new IOException("switchover to " + candidate + " refused: " + answer.statusCode() + " " + answer.body());
		}
	}

	private static JsonNode get(Site site, String path) {
		try {
			HttpResponse<String> answer = HTTP.send(
					HttpRequest.newBuilder(URI.create("http://" + site.address() + ":" + PatroniCluster.REST_PORT + path))
						.timeout(Duration.ofSeconds(2))
						.build(),
					HttpResponse.BodyHandlers.ofString());
			return (answer.statusCode() == 200 || answer.statusCode() == 503) ? JSON.readTree(answer.body()) : null;
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

}
