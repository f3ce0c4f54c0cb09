package dev.failsafe.idp.samples.partnerapi.orders;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

/**
 * Each subject's orders, in memory (a sample: they are gone at restart). Bounded: the oldest
 * subjects and orders are dropped first, so no caller can grow it without limit.
 */
@Component
final class OrderBook {

	static final int MAX_SUBJECTS = 1000;

	static final int MAX_ORDERS_PER_SUBJECT = 50;

	private final Map<String, List<Order>> orders = new LinkedHashMap<>(16, 0.75f, true) {
		@Override
		protected boolean removeEldestEntry(Map.Entry<String, List<Order>> eldest) {
			return size() > MAX_SUBJECTS;
		}
	};

	private final Clock clock = Clock.systemUTC();

	synchronized List<Order> of(String subject) {
		return List.copyOf(this.orders.getOrDefault(subject, List.of()));
	}

	synchronized Order place(String subject, String clientId, NewOrder order) {
		Order placed = new Order(UUID.randomUUID().toString(), order.item(), order.quantity(), this.clock.instant(),
				clientId);
		List<Order> placedBySubject = this.orders.computeIfAbsent(subject, key -> new ArrayList<>());
		placedBySubject.add(placed);
		if (placedBySubject.size() > MAX_ORDERS_PER_SUBJECT) {
			placedBySubject.removeFirst();
		}
		return placed;
	}

}
