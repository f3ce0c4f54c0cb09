package dev.failsafe.idp.server.stores;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SilentMemberEvictionTest {

	@Test
	void connectionLostWhenConnectionExceptionAnywhereInChainThenTrue() {
		assertThat(SilentMemberEviction.connectionLost(new SQLException("An I/O error occurred", "08006"))).isTrue();
		assertThat(SilentMemberEviction.connectionLost(new DataAccessResourceFailureException("read failed",
				new SQLException("The connection attempt failed.", "08001"))))
			.isTrue();
	}

	@Test
	void connectionLostWhenOtherFailureThenFalse() {
		assertThat(SilentMemberEviction.connectionLost(new SQLException("duplicate key", "23505"))).isFalse();
		assertThat(SilentMemberEviction.connectionLost(new SQLException("no state"))).isFalse();
		assertThat(SilentMemberEviction.connectionLost(new IllegalStateException("boom"))).isFalse();
	}

	@Test
	void evictAllWhenHikariPoolThenIdleConnectionsReplaced() throws SQLException {
		try (HikariDataSource pool = new HikariDataSource()) {
			pool.setJdbcUrl("jdbc:h2:mem:evict-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
			pool.setMaximumPoolSize(1);
			Connection before;
			try (Connection borrowed = pool.getConnection()) {
				before = borrowed.unwrap(Connection.class);
			}
			assertThat(new SilentMemberEviction(pool).evictAll()).isTrue();
			try (Connection borrowed = pool.getConnection()) {
				assertThat(borrowed.unwrap(Connection.class)).isNotSameAs(before);
			}
			await().atMost(Duration.ofSeconds(5)).until(before::isClosed);
		}
	}

	@Test
	void evictAllWhenNotHikariThenNothingToEvict() {
		JdbcDataSource h2 = new JdbcDataSource();
		h2.setURL("jdbc:h2:mem:plain");
		assertThat(new SilentMemberEviction(h2).evictAll()).isFalse();
	}

}
