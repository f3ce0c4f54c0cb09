package dev.failsafe.idp.server.login;

/** Where the login page is: the form Spring Security's form login serves and receives. */
public final class LoginPage {

	/** The login page, and where its form posts. */
	public static final String PATH = "/login";

	/** Where {@link LoginOutcomes} forwards a throttled attempt: the login page again, with 429. */
	static final String THROTTLED_PATH = PATH + "/throttled";

	private LoginPage() {
	}

}
