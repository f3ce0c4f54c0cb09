package dev.failsafe.idp.admin.cli;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import tools.jackson.databind.JsonNode;

/**
 * A plain-text table for people: a header row, columns padded to their widest cell, two spaces
 * between columns, no trailing blanks; a missing value shows as {@value #MISSING}. Also the
 * {@code label: value} form for one object ({@link #details}) and the cell formats shared by the
 * commands.
 */
final class Table {

	static final String MISSING = "-";

	private final List<String> headers;

	private final List<List<String>> rows = new ArrayList<>();

	private Table(List<String> headers) {
		this.headers = headers;
	}

	static Table of(String... headers) {
		return new Table(List.of(headers));
	}

	Table row(String... cells) {
		if (cells.length != this.headers.size()) {
			throw new IllegalArgumentException(
					"a row needs " + this.headers.size() + " cells, not " + cells.length);
		}
		this.rows.add(Arrays.stream(cells).map(Table::cell).toList());
		return this;
	}

	/** The table, each line ended by a newline. */
	String render() {
		int[] widths = new int[this.headers.size()];
		List<List<String>> lines = new ArrayList<>();
		lines.add(this.headers);
		lines.addAll(this.rows);
		for (List<String> line : lines) {
			for (int column = 0; column < widths.length; column++) {
				widths[column] = Math.max(widths[column], line.get(column).length());
			}
		}
		StringBuilder text = new StringBuilder();
		for (List<String> line : lines) {
			StringBuilder row = new StringBuilder();
			for (int column = 0; column < widths.length; column++) {
				if (column > 0) {
					row.append("  ");
				}
				row.append(line.get(column));
				row.append(" ".repeat(widths[column] - line.get(column).length()));
			}
			text.append(row.toString().stripTrailing()).append('\n');
		}
		return text.toString();
	}

	/** {@code label: value} lines, labels padded so values line up. */
	static String details(Map<String, String> fields) {
		int width = fields.keySet().stream().mapToInt(String::length).max().orElse(0) + 1;
		StringBuilder text = new StringBuilder();
		fields.forEach((label, value) -> text.append(label)
			.append(':')
			.append(" ".repeat(width - label.length()))
			.append(cell(value))
			.append('\n'));
		return text.toString();
	}

	/** A JSON member as a cell: text as is, arrays joined by commas, null or missing as {@value #MISSING}. */
	static String text(JsonNode node) {
		if (node == null || node.isNull() || node.isMissingNode()) {
			return MISSING;
		}
		if (node.isArray()) {
			StringJoiner joined = new StringJoiner(",");
			node.values().forEach(element -> joined.add(text(element)));
			return joined.length() == 0 ? MISSING : joined.toString();
		}
		if (node.isObject()) {
			StringJoiner joined = new StringJoiner(" ");
			node.properties().forEach(entry -> joined.add(entry.getKey() + "=" + text(entry.getValue())));
			return joined.toString();
		}
		return node.asString();
	}

	/** An ISO-8601 instant to the second ({@code 2026-01-01T10:00:00Z}); anything else as {@link #text}. */
	static String time(JsonNode node) {
		String text = text(node);
		try {
			return Instant.parse(text).truncatedTo(ChronoUnit.SECONDS).toString();
		}
		catch (DateTimeParseException ex) {
			return text;
		}
	}

	private static String cell(String value) {
		return (value == null || value.isBlank()) ? MISSING : value.replaceAll("\\s+", " ");
	}

}
