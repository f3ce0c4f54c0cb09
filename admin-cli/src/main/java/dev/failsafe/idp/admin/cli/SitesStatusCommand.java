package dev.failsafe.idp.admin.cli;

import tools.jackson.databind.JsonNode;

import picocli.CommandLine.Command;

/** {@code idp-admin sites status}: members per site, key-ring placement, Redis role. */
@Command(name = "status", mixinStandardHelpOptions = true,
		description = "Members per site, where each key-ring entry's primary and backups live, and the Redis role.")
final class SitesStatusCommand extends ApiCommand {

	@Override
	void run(AdminApi api) {
		AdminApi.Answer answer = api.get("/admin/sites");
		if (this.output.json) {
			printRaw(answer);
			return;
		}
		out().print(render(answer.json()));
	}

	static String render(JsonNode sites) {
		StringBuilder text = new StringBuilder();
		text.append("Local site: ").append(Table.text(sites.get("localSite"))).append("\n\nMembers:\n");
		Table members = Table.of("ADDRESS", "SITE", "LOCAL");
		for (JsonNode member : sites.path("members").values()) {
			members.row(Table.text(member.get("address")), Table.text(member.get("site")),
					member.path("local").asBoolean(false) ? "yes" : "no");
		}
		text.append(members.render()).append("\nKey ring:\n");
		Table ring = Table.of("KID", "PARTITION", "PRIMARY", "BACKUPS");
		for (JsonNode entry : sites.path("keyRing").values()) {
			ring.row(Table.text(entry.get("kid")), Table.text(entry.get("partition")), Table.text(entry.get("primary")),
					Table.text(entry.get("backups")));
		}
		text.append(ring.render()).append('\n');
		JsonNode redis = sites.get("redis");
		text.append("Redis: ")
			.append((redis == null || redis.isNull()) ? "not configured" : Table.text(redis))
			.append('\n');
		return text.toString();
	}

}
