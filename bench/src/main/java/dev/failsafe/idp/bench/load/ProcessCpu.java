package dev.failsafe.idp.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU time a process has used so far (user plus system, {@code /proc/<pid>/stat}), so a step can
 * report how much of the server's CPU one operation costs: a figure that other work on a shared
 * machine moves far less than a rate does.
 */
public final class ProcessCpu {

	/** Linux's {@code USER_HZ} ({@code getconf CLK_TCK}): the unit of {@code utime} and {@code stime}. */
	private static final long TICKS_PER_SECOND = 100;

	private ProcessCpu() {
	}

	/** CPU time of process {@code pid} so far, in nanoseconds. */
	public static long nanos(long pid) {
		try {
			return parse(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** {@code utime + stime} of one {@code /proc/<pid>/stat} line, in nanoseconds. */
	static long parse(String stat) {
		// The command name (field 2) may hold spaces and parentheses: count fields after the last ')'.
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
		// fields[0] is field 3 (state): utime is field 14, stime field 15.
		long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
		return ticks * (1_000_000_000L / TICKS_PER_SECOND);
	}

}
