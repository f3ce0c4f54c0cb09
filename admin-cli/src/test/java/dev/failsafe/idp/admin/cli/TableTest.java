package dev.failsafe.idp.admin.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TableTest {

	@Test
	void renderWhenCellsDifferInWidthThenColumnsAlignWithoutTrailingBlanks() {
		String text = Table.of("KID", "STATE", "REVOKED").row("a", "SIGNING", null).row("longer-kid", "GONE", "x").render();

		assertThat(text).isEqualTo("""
				KID         STATE    REVOKED
				a           SIGNING  -
				longer-kid  GONE     x
				""");
	}

	@Test
	void renderWhenNoRowsThenHeaderOnly() {
		assertThat(Table.of("A", "B").render()).isEqualTo("A  B\n");
	}

	@Test
	void rowWhenCellCountDiffersThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> Table.of("A", "B").row("only one"));
	}

	@Test
	void renderWhenCellHasLineBreakThenKeptOnOneLine() {
		assertThat(Table.of("A").row("two\nlines").render()).isEqualTo("A\ntwo lines\n");
	}

	@Test
	void keysListTableWhenApiListThenKidAlgorithmStateAndTimesToTheSecond() {
		var list = AdminApi.parse("""
				{"keys":[{"kid":"k1","algorithm":"RS256","state":"RETIRING","publishAt":"2026-01-01T10:00:00.123456Z",
				"activateAt":"2026-01-01T10:00:00.123456Z","supersededAt":"2026-01-02T10:00:00Z","revokedAt":null},
				{"kid":"k2","algorithm":"ES256","state":"SIGNING","publishAt":"2026-01-02T10:00:00Z",
				"activateAt":"2026-01-02T10:00:00Z","supersededAt":null,"revokedAt":null}]}""");

		assertThat(KeysListCommand.table(list).render()).isEqualTo("""
				KID  ALGORITHM  STATE     PUBLISHED             ACTIVATED             SUPERSEDED            REVOKED
				k1   RS256      RETIRING  2026-01-01T10:00:00Z  2026-01-01T10:00:00Z  2026-01-02T10:00:00Z  -
				k2   ES256      SIGNING   2026-01-02T10:00:00Z  2026-01-02T10:00:00Z  -                     -
				""");
	}

	@Test
	void textWhenArrayOrNullOrObjectThenCommaJoinedDashOrPairs() {
		assertThat(Table.text(AdminApi.parse("[\"a\",\"b\"]"))).isEqualTo("a,b");
		assertThat(Table.text(AdminApi.parse("[]"))).isEqualTo("-");
		assertThat(Table.text(AdminApi.parse("{\"a\":null}").get("a"))).isEqualTo("-");
		assertThat(Table.text(AdminApi.parse("{\"role\":\"primary\",\"n\":2}"))).isEqualTo("role=primary n=2");
	}

	@Test
	void detailsWhenFieldsThenLabelsPaddedSoValuesLineUp() {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("clientId", "shop");
		fields.put("requireConsent", "true");
		fields.put("scopes", null);

		assertThat(Table.details(fields)).isEqualTo("""
				clientId:       shop
				requireConsent: true
				scopes:         -
				""");
	}

}
