package dev.failsafe.idp.server.encoding;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The signed-in user of a password sign-in (a {@link UsernamePasswordAuthenticationToken} over a
 * {@link User} whose password was erased) as a small JSON object:
 * {@code {"n":"alice","ua":["ROLE_USER"],"a":["ROLE_USER",["FACTOR_PASSWORD",<issued at, ns>]],"d":["127.0.0.1","<session id>"]}}:
 * {@code n} the username, {@code ua} the user's authorities, {@code ux} (only when one is false) the
 * user's enabled, account-non-expired, credentials-non-expired and account-non-locked flags,
 * {@code a} the token's authorities in order (a string for a {@link SimpleGrantedAuthority}, a
 * pair of name and issue time in nanoseconds since the epoch for a {@link FactorGrantedAuthority}),
 * {@code d} the {@link WebAuthenticationDetails} (remote address and session id) when there are
 * any. Any other authentication does not {@link #fits fit}.
 */
public final class CompactAuthentication {

	private CompactAuthentication() {
	}

	/** Whether {@code value} is an authentication {@link #write} writes and {@link #read} gives back equal. */
	public static boolean fits(Object value) {
		if (value == null || value.getClass() != UsernamePasswordAuthenticationToken.class) {
			return false;
		}
		UsernamePasswordAuthenticationToken token = (UsernamePasswordAuthenticationToken) value;
		Object details = token.getDetails();
		return token.isAuthenticated() && token.getCredentials() == null && token.getPrincipal() != null
				&& token.getPrincipal().getClass() == User.class && ((User) token.getPrincipal()).getPassword() == null
				&& (details == null || details.getClass() == WebAuthenticationDetails.class)
				&& authoritiesFit(token.getAuthorities()) && ((User) token.getPrincipal()).getAuthorities()
					.stream()
					.allMatch(authority -> authority.getClass() == SimpleGrantedAuthority.class);
	}

	/** Writes {@code authentication}, which must {@link #fits fit}, as one JSON object. */
	public static void write(JsonGenerator json, Object authentication) {
		UsernamePasswordAuthenticationToken token = (UsernamePasswordAuthenticationToken) authentication;
		User user = (User) token.getPrincipal();
		json.writeStartObject();
		json.writeStringProperty("n", user.getUsername());
		json.writeArrayPropertyStart("ua");
		user.getAuthorities().forEach(authority -> json.writeString(authority.getAuthority()));
		json.writeEndArray();
		if (!(user.isEnabled() && user.isAccountNonExpired() && user.isCredentialsNonExpired()
				&& user.isAccountNonLocked())) {
			json.writeArrayPropertyStart("ux");
			json.writeBoolean(user.isEnabled());
			json.writeBoolean(user.isAccountNonExpired());
			json.writeBoolean(user.isCredentialsNonExpired());
			json.writeBoolean(user.isAccountNonLocked());
			json.writeEndArray();
		}
		json.writeArrayPropertyStart("a");
		for (GrantedAuthority authority : token.getAuthorities()) {
			if (authority instanceof FactorGrantedAuthority factor) {
				json.writeStartArray();
				json.writeString(factor.getAuthority());
				json.writeNumber(CompactClaims.epochNanos(factor.getIssuedAt()));
				json.writeEndArray();
			}
			else {
				json.writeString(authority.getAuthority());
			}
		}
		json.writeEndArray();
		if (token.getDetails() instanceof WebAuthenticationDetails details) {
			json.writeArrayPropertyStart("d");
			json.writeString(details.getRemoteAddress());
			json.writeString(details.getSessionId());
			json.writeEndArray();
		}
		json.writeEndObject();
	}

	/** The authentication an object {@link #write} wrote. */
	public static UsernamePasswordAuthenticationToken read(JsonNode object) {
		List<GrantedAuthority> userAuthorities = new ArrayList<>();
		object.get("ua").forEach(name -> userAuthorities.add(new SimpleGrantedAuthority(name.asString())));
		JsonNode flags = object.get("ux");
		boolean[] flag = { true, true, true, true };
		for (int i = 0; flags != null && i < flag.length; i++) {
			flag[i] = flags.get(i).booleanValue();
		}
		User user = new User(object.get("n").asString(), "", flag[0], flag[1], flag[2], flag[3], userAuthorities);
		user.eraseCredentials();
		List<GrantedAuthority> authorities = new ArrayList<>();
		for (JsonNode authority : object.get("a")) {
			authorities.add(authority.isArray()
					? FactorGrantedAuthority.withAuthority(authority.get(0).asString())
						.issuedAt(CompactClaims.instant(authority.get(1).longValue()))
						.build()
					: new SimpleGrantedAuthority(authority.asString()));
		}
		UsernamePasswordAuthenticationToken token = UsernamePasswordAuthenticationToken.authenticated(user, null,
				authorities);
		JsonNode details = object.get("d");
		if (details != null) {
			token.setDetails(new WebAuthenticationDetails(text(details.get(0)), text(details.get(1))));
		}
		return token;
	}

	private static boolean authoritiesFit(Collection<? extends GrantedAuthority> authorities) {
		for (GrantedAuthority authority : authorities) {
			boolean simple = authority.getClass() == SimpleGrantedAuthority.class;
			boolean factor = authority instanceof FactorGrantedAuthority factorAuthority
					&& factorAuthority.getIssuedAt() != null && CompactClaims.fitsEpochNanos(factorAuthority.getIssuedAt());
			if (!(simple || factor) || authority.getAuthority() == null) {
				return false;
			}
		}
		return true;
	}

	private static String text(JsonNode value) {
		return (value == null || value.isNull()) ? null : value.asString();
	}

}
