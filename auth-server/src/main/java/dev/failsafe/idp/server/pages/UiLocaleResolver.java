package dev.failsafe.idp.server.pages;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.failsafe.idp.server.authorize.AuthorizationParameters;
import dev.failsafe.idp.server.authorize.PendingAuthorizations;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.web.servlet.LocaleResolver;

/**
 * The language of every page (login, consent, logout, error, device): the first of the client's
 * {@code ui_locales} (OIDC Core section 3.1.2.1, RP-Initiated Logout section 2) that we have, then the
 * browser's {@code Accept-Language}, then English. We have {@link #SUPPORTED}: English and Korean.
 *
 * <p>{@code ui_locales} is read from the request itself, else from the authorization request waiting
 * for the sign-in; the choice is remembered in the session (attribute {@value #SESSION_ATTRIBUTE}, a
 * language tag), so the pages that follow in that session (consent, logout) keep it.
 */
public final class UiLocaleResolver implements LocaleResolver {

	/** The languages the pages are written in, the default first. */
	public static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.KOREAN);

	static final String SESSION_ATTRIBUTE = UiLocaleResolver.class.getName();

	private final PendingAuthorizations pending;

	public UiLocaleResolver(PendingAuthorizations pending) {
		this.pending = pending;
	}

	@Override
	public Locale resolveLocale(HttpServletRequest request) {
		Optional<Locale> requested = fromUiLocales(request.getParameter(AuthorizationParameters.UI_LOCALES))
			.or(() -> this.pending.find(request)
				.flatMap(parameters -> fromUiLocales(parameters.single(AuthorizationParameters.UI_LOCALES))));
		HttpSession session = request.getSession(false);
		if (requested.isPresent()) {
			String tag = requested.get().toLanguageTag();
			if (session != null && !tag.equals(session.getAttribute(SESSION_ATTRIBUTE))) {
				session.setAttribute(SESSION_ATTRIBUTE, tag);
			}
			return requested.get();
		}
		if (session != null && session.getAttribute(SESSION_ATTRIBUTE) instanceof String tag) {
			return Locale.forLanguageTag(tag);
		}
		for (Locale accepted : Collections.list(request.getLocales())) {
			Optional<Locale> supported = supported(accepted);
			if (supported.isPresent()) {
				return supported.get();
			}
		}
		return SUPPORTED.get(0);
	}

	@Override
	public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
		HttpSession session = request.getSession(false);
		if (session != null && locale != null) {
			supported(locale).ifPresent(chosen -> session.setAttribute(SESSION_ATTRIBUTE, chosen.toLanguageTag()));
		}
	}

	/** The first supported language of a space-separated list of BCP 47 tags, if any. */
	static Optional<Locale> fromUiLocales(String uiLocales) {
		if (uiLocales == null || uiLocales.length() > 200) {
			return Optional.empty();
		}
		for (String tag : uiLocales.split(" ")) {
			Optional<Locale> supported = supported(Locale.forLanguageTag(tag));
			if (supported.isPresent()) {
				return supported;
			}
		}
		return Optional.empty();
	}

	private static Optional<Locale> supported(Locale locale) {
		return SUPPORTED.stream().filter(ours -> ours.getLanguage().equals(locale.getLanguage())).findFirst();
	}

}
