package dev.failsafe.idp.bench.compare;

import java.time.Duration;
import java.util.List;

import dev.failsafe.idp.bench.load.BenchReport;
import dev.failsafe.idp.bench.load.Measurement;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SideBySideReportTest {

	@Test
	void tableWhenBothServersRanThenEachFigureWithTheRatioOursToKeycloaks() {
		SideBySideReport report = new SideBySideReport(new BenchReport.Machine("CPU", 2, "25", "OpenSSL"), 1.0, 2.0,
				90.0, 30.0,
				new SideBySideReport.ServerRun("Failsafe ID", new WarmUpCurve(Duration.ofSeconds(5), List.of(100.0, 400.0), 3.0),
						List.of(new Measurement("client_credentials", 8, 3000, 0, 10, 2.0, 10.0, 0.5)), 300L << 20, 320L << 20),
				new SideBySideReport.ServerRun("Keycloak", new WarmUpCurve(Duration.ofSeconds(5), List.of(0.0, 200.0), 8.0),
						List.of(new Measurement("client_credentials", 8, 1000, 2, 10, 4.0, 20.0, 2.0)), 600L << 20, 640L << 20));

		String table = report.table();

		assertThat(table).containsPattern("client_credentials c=8 ops/s\\s+300\\.0\\s+100\\.0\\s+3\\.00x")
			.containsPattern("client_credentials c=8 p99 ms\\s+10\\.0\\s+20\\.0\\s+0\\.50x")
			.containsPattern("client_credentials c=8 server CPU ms/op\\s+0\\.50\\s+2\\.00\\s+0\\.25x")
			.containsPattern("client_credentials c=8 errors\\s+0\\s+2")
			.containsPattern("RSS after load MiB\\s+300\\s+600\\s+0\\.50x")
			.containsPattern("tokens/s 0-5 s from launch\\s+100\\s+0\\s+-")
			.containsPattern("tokens/s 5-10 s from launch\\s+400\\s+200\\s+2\\.00x")
			.containsPattern("password checks/s \\(own hash, all cores\\)\\s+90\\.0\\s+30\\.0\\s+3\\.00x");
	}

}
