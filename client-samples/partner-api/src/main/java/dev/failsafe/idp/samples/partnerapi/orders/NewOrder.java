package dev.failsafe.idp.samples.partnerapi.orders;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/orders}.
 *
 * @param item what to order (1 to 100 characters)
 * @param quantity how many (1 to 99)
 */
public record NewOrder(@NotBlank @Size(max = 100) String item, @Min(1) @Max(99) int quantity) {
}
