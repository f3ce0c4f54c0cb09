package dev.failsafe.idp.server.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The demo tenant (see the README). It is seeded on the embedded default: when {@code enabled} and
 * the directory is the embedded H2 database. On any other database only when asked for explicitly
 * with {@code seed-external-database}, as the failover drill does: its secrets are public.
 *
 * @param enabled whether to seed the demo user and clients
 * @param seedExternalDatabase whether to seed them on a database other than the embedded H2 too
 * (drills and staging, never production)
 */
@ConfigurationProperties("idp.demo")
public record DemoProperties(@DefaultValue("true") boolean enabled, @DefaultValue("false") boolean seedExternalDatabase) {
}
