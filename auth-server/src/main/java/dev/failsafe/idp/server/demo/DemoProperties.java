package dev.failsafe.idp.server.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The demo tenant (see the README). It is seeded only on the embedded default: when this is true
 * and the directory is the embedded H2 database, never on PostgreSQL.
 *
 * @param enabled whether to seed the demo user and clients
 */
@ConfigurationProperties("idp.demo")
public record DemoProperties(@DefaultValue("true") boolean enabled) {
}
