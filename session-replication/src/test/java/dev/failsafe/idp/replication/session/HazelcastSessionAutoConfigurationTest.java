package dev.failsafe.idp.replication.session;

import java.time.Duration;
import java.util.UUID;

import jakarta.servlet.DispatcherType;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.spring.session.HazelcastIndexedSessionRepository;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.web.http.SessionRepositoryFilter;

import dev.failsafe.idp.replication.hazelcast.HazelcastMemberAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

class HazelcastSessionAutoConfigurationTest {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HazelcastMemberAutoConfiguration.class,
				HazelcastSessionAutoConfiguration.class))
		.withPropertyValues("idp.hazelcast.cluster-name=test-" + UUID.randomUUID());

	@Test
	void sessionRepositoryWhenServletAppThenSessionsLiveInIdpSessionsMap() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(SessionRepositoryFilter.class);
			@SuppressWarnings("unchecked")
			FindByIndexNameSessionRepository<Session> repository = context
				.getBean(FindByIndexNameSessionRepository.class);
			Session session = repository.createSession();
			session.setAttribute("greeting", "hello");
			session.setAttribute(FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME, "alice");
			repository.save(session);

			HazelcastInstance hazelcast = context.getBean(HazelcastInstance.class);
			assertThat(hazelcast.getMap(HazelcastSessionAutoConfiguration.SESSIONS_MAP).containsKey(session.getId()))
				.isTrue();
			Session found = repository.findById(session.getId());
			assertThat(found.<String>getAttribute("greeting")).isEqualTo("hello");
			assertThat(found.getMaxInactiveInterval()).isEqualTo(Duration.ofMinutes(30));
			assertThat(repository.findByPrincipalName("alice")).containsKey(session.getId());

			found.setAttribute("greeting", "again");
			repository.save(found);
			assertThat(repository.findById(session.getId()).<String>getAttribute("greeting")).isEqualTo("again");
		});
	}

	@Test
	void sessionRepositoryFilterWhenRegisteredThenForRequestAsyncAndErrorDispatchesFirst() {
		this.runner.run((context) -> {
			@SuppressWarnings("unchecked")
			FilterRegistrationBean<SessionRepositoryFilter<?>> registration = context
				.getBean("sessionRepositoryFilterRegistration", FilterRegistrationBean.class);
			assertThat(registration.getFilter()).isSameAs(context.getBean(SessionRepositoryFilter.class));
			assertThat(registration.getOrder()).isEqualTo(SessionRepositoryFilter.DEFAULT_ORDER);
			assertThat(registration).extracting("dispatcherTypes")
				.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.ITERABLE)
				.containsExactlyInAnyOrder(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
		});
	}

	@Test
	void timeoutWhenSpringSessionTimeoutSetThenUsed() {
		this.runner.withPropertyValues("spring.session.timeout=10m")
			.run((context) -> assertThat(timeout(context.getBean(HazelcastIndexedSessionRepository.class)))
				.isEqualTo(Duration.ofMinutes(10)));
	}

	@Test
	void timeoutWhenIdpSessionTimeoutSetThenItWins() {
		this.runner.withPropertyValues("spring.session.timeout=10m", "idp.session.timeout=5m")
			.run((context) -> assertThat(timeout(context.getBean(HazelcastIndexedSessionRepository.class)))
				.isEqualTo(Duration.ofMinutes(5)));
	}

	@Test
	void sessionRepositoryWhenNotAWebApplicationThenAbsent() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(HazelcastMemberAutoConfiguration.class,
					HazelcastSessionAutoConfiguration.class))
			.withPropertyValues("idp.hazelcast.cluster-name=test-" + UUID.randomUUID())
			.run((context) -> assertThat(context).doesNotHaveBean(HazelcastIndexedSessionRepository.class)
				.doesNotHaveBean(SessionRepositoryFilter.class));
	}

	private static Duration timeout(HazelcastIndexedSessionRepository repository) {
		return repository.createSession().getMaxInactiveInterval();
	}

}
