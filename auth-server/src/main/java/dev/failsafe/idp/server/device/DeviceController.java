package dev.failsafe.idp.server.device;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The device flow's pages (RFC 8628 section 3.3): {@value #PAGE}, the verification URI a device
 * shows, where the signed-in user types the device's code (prefilled from
 * {@code verification_uri_complete}); its form goes to the authorization server's device
 * verification endpoint, which asks for consent on our consent page every time (the code alone
 * proves nothing about who typed it) and ends on {@value #DONE}.
 */
@Controller
final class DeviceController {

	static final String PAGE = "/device";

	static final String DONE = "/device/done";

	/** The most characters of a user code the page echoes (ours have 9: XXXX-XXXX). */
	private static final int MAX_USER_CODE = 20;

	@GetMapping(PAGE)
	String enterCode(@RequestParam(name = "user_code", required = false) String userCode,
			@RequestParam(name = "error", required = false) String error, Model model) {
		if (userCode != null && userCode.length() <= MAX_USER_CODE) {
			model.addAttribute("userCode", userCode);
		}
		model.addAttribute("invalid", error != null);
		return "device";
	}

	@GetMapping(DONE)
	String done(@RequestParam(name = "denied", required = false) String denied, Model model) {
		model.addAttribute("denied", denied != null);
		return "device-done";
	}

}
