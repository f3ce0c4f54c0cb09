package dev.failsafe.idp.server.device;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

/**
 * Where the user goes after the device verification endpoint: the done page once the device is
 * approved or denied, the code page again (saying the code is not valid) for anything else. Never a
 * raw error: the user typed the code, the page tells them what to do.
 */
public final class DeviceVerificationOutcomes implements AuthenticationSuccessHandler, AuthenticationFailureHandler {

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException {
		response.sendRedirect(request.getContextPath() + DeviceController.DONE);
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		boolean denied = exception instanceof OAuth2AuthenticationException oauth2
				&& OAuth2ErrorCodes.ACCESS_DENIED.equals(oauth2.getError().getErrorCode());
		response.sendRedirect(request.getContextPath() + (denied ? DeviceController.DONE + "?denied"
				: DeviceController.PAGE + "?error"));
	}

	/** The verification URI devices show. */
	public static String verificationUri() {
		return DeviceController.PAGE;
	}

}
