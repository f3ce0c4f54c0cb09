package dev.failsafe.idp.server.clients;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The encoder for client secrets, a type of its own so that it can never be confused with (or
 * injected instead of) the users' password encoder.
 *
 * @param encoder the delegating encoder that hashes and checks client secrets
 */
public record ClientSecretEncoder(PasswordEncoder encoder) {
}
