package dev.failsafe.idp.server.admin;

import java.util.List;

import dev.failsafe.idp.replication.sites.SiteTopology;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /admin/sites}: members per site and where the key ring's copies live. */
@RestController
final class AdminSitesController {

	private final SiteTopology topology;

	AdminSitesController(SiteTopology topology) {
		this.topology = topology;
	}

	/** The answer of {@code GET /admin/sites}; {@code redis} stays null until Redis is configured. */
	record SitesView(String localSite, List<SiteTopology.SiteMember> members, List<SiteTopology.KeyPlacement> keyRing,
			Object redis) {
	}

	@GetMapping("/admin/sites")
	SitesView status() {
		SiteTopology.SitesStatus status = this.topology.status();
		return new SitesView(status.localSite(), status.members(), status.keyRing(), null);
	}

}
