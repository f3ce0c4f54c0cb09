package dev.failsafe.idp.server.authorizations;

import java.util.Set;
import java.util.stream.Collectors;

import dev.failsafe.idp.replication.StoreUnavailableException;
import dev.failsafe.idp.replication.authorization.ConsentRecord;
import dev.failsafe.idp.replication.authorization.ConsentStore;
import dev.failsafe.idp.server.protocol.ProtocolErrors;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;

/** The authorization server's consent service over the replicated {@link ConsentStore}. */
public final class StoredConsentService implements OAuth2AuthorizationConsentService {

	private final ConsentStore store;

	public StoredConsentService(ConsentStore store) {
		this.store = store;
	}

	@Override
	public void save(OAuth2AuthorizationConsent consent) {
		Set<String> authorities = consent.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.collect(Collectors.toSet());
		write(() -> this.store
			.save(new ConsentRecord(consent.getRegisteredClientId(), consent.getPrincipalName(), authorities)));
	}

	@Override
	public void remove(OAuth2AuthorizationConsent consent) {
		write(() -> this.store.remove(consent.getRegisteredClientId(), consent.getPrincipalName()));
	}

	@Override
	public OAuth2AuthorizationConsent findById(String registeredClientId, String principalName) {
		return this.store.find(registeredClientId, principalName)
			.map(record -> OAuth2AuthorizationConsent.withId(record.registeredClientId(), record.principalName())
				.authorities(granted -> record.authorities()
					.forEach(authority -> granted.add(new SimpleGrantedAuthority(authority))))
				.build())
			.orElse(null);
	}

	private static void write(Runnable write) {
		try {
			write.run();
		}
		catch (StoreUnavailableException ex) {
			throw ProtocolErrors.asException(ProtocolErrors.temporarilyUnavailable());
		}
	}

}
