package dev.failsafe.idp.samples.partnerapi.orders;

import java.time.Instant;

/**
 * An order as the API shows it.
 *
 * @param id its id
 * @param item what was ordered
 * @param quantity how many
 * @param placedAt when
 * @param placedBy the client ({@code client_id}) that placed it for the subject
 */
public record Order(String id, String item, int quantity, Instant placedAt, String placedBy) {
}
