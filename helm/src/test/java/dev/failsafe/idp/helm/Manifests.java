package dev.failsafe.idp.helm;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The manifests {@code helm template} rendered, one per YAML document, each with the template it
 * came from (Helm's {@code # Source:} line).
 */
final class Manifests {

	static final YAMLMapper YAML = YAMLMapper.builder().build();

	private static final Pattern SOURCE = Pattern.compile("^# Source: [^/]+/templates/(\\S+)$", Pattern.MULTILINE);

	private final List<Manifest> manifests;

	private Manifests(List<Manifest> manifests) {
		this.manifests = List.copyOf(manifests);
	}

	/** Parses the output of {@code helm template}. */
	static Manifests parse(String rendered) {
		List<Manifest> manifests = new ArrayList<>();
		for (String document : rendered.split("(?m)^---\\s*$")) {
			JsonNode body = YAML.readTree(document);
			if (body == null || body.isMissingNode() || body.isNull() || body.isEmpty()) {
				continue;
			}
			Matcher source = SOURCE.matcher(document);
			manifests.add(new Manifest(source.find() ? source.group(1) : "", body));
		}
		return new Manifests(manifests);
	}

	List<Manifest> all() {
		return this.manifests;
	}

	Stream<Manifest> ofKind(String kind) {
		return this.manifests.stream().filter((manifest) -> manifest.kind().equals(kind));
	}

	/** The one manifest of this kind; fails when there is none or more than one. */
	Manifest one(String kind) {
		List<Manifest> found = ofKind(kind).toList();
		if (found.size() != 1) {
			throw new AssertionError("expected one " + kind + ", rendered " + found.size() + ": " + this.manifests);
		}
		return found.get(0);
	}

	/** The provider's mounted application.yaml, parsed. */
	JsonNode applicationConfig() {
		return YAML.readTree(one("ConfigMap").body().at("/data/application.yaml").asString());
	}

	/** One rendered document. */
	record Manifest(String source, JsonNode body) {

		String kind() {
			return this.body.path("kind").asString();
		}

		String name() {
			return this.body.at("/metadata/name").asString();
		}

		/** The pod template's spec of a workload. */
		JsonNode podSpec() {
			return this.body.at("/spec/template/spec");
		}

		/** The workload's one container. */
		JsonNode container() {
			JsonNode containers = podSpec().path("containers");
			if (containers.size() != 1) {
				throw new AssertionError(kind() + " " + name() + " has " + containers.size() + " containers");
			}
			return containers.get(0);
		}

		/** The workload's container named {@code name}. */
		JsonNode container(String name) {
			for (JsonNode container : podSpec().path("containers")) {
				if (name.equals(container.path("name").asString())) {
					return container;
				}
			}
			throw new AssertionError(kind() + " " + name() + " has no container " + name);
		}

		@Override
		public String toString() {
			return kind() + " " + name() + " (" + this.source + ")";
		}

	}

}
