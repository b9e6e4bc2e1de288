package org.fengqiao.dispatch;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The catalogue of whistle categories and the grading rules. Seeded once from the shipped
 * lists ({@code dispatch/categories.csv}, {@code dispatch/grading-rules.csv}); a county
 * edits them afterwards.
 */
@Component
@Order(5)
class Catalogue implements ApplicationRunner {

	private final JdbcClient jdbc;

	/**
	 * The catalogue changes rarely and is read on every report: held in memory, reloaded
	 * by {@link #reload()}.
	 */
	private volatile List<Category> categories;

	private volatile List<GradingRule> rules;

	Catalogue(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void reload() {
		categories = jdbc.sql("select * from category where active order by code").query((rs, n) -> map(rs)).list();
		rules = jdbc.sql("select * from grading_rule order by id")
			.query((rs, n) -> new GradingRule(rs.getString("id"), rs.getString("kind"), rs.getString("pattern"),
					rs.getInt("grade"), rs.getString("applies_to"), rs.getString("reason_zh"),
					rs.getString("reason_en")))
			.list();
	}

	@Override
	@Transactional
	public void run(ApplicationArguments args) {
		if (jdbc.sql("select count(*) from category").query(Integer.class).single() == 0) {
			for (CSVRecord r : csv("dispatch/categories.csv")) {
				jdbc.sql(
						"""
								insert into category (code, name_zh, name_en, default_grade, line, department, respond_minutes,
								    handle_amount, handle_calendar, feedback_amount, feedback_calendar, admitted_to_grid, transfer_to, keywords)
								values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
					.params(r.get("code"), r.get("name_zh"), r.get("name_en"), Integer.parseInt(r.get("default_grade")),
							r.get("line"), blank(r.get("department")), Integer.parseInt(r.get("respond_minutes")),
							Integer.parseInt(r.get("handle_amount")), r.get("handle_calendar"),
							Integer.parseInt(r.get("feedback_amount")), r.get("feedback_calendar"),
							Boolean.parseBoolean(r.get("admitted_to_grid")), blank(r.get("transfer_to")),
							blank(r.isMapped("keywords_zh") ? r.get("keywords_zh") : null))
					.update();
			}
		}
		if (jdbc.sql("select count(*) from grading_rule").query(Integer.class).single() == 0) {
			for (CSVRecord r : csv("dispatch/grading-rules.csv")) {
				jdbc.sql("""
						insert into grading_rule (id, kind, pattern, grade, applies_to, reason_zh, reason_en)
						values (?, ?, ?, ?, ?, ?, ?)""")
					.params(r.get("id"), r.get("kind"), r.get("pattern"), Integer.parseInt(r.get("grade")),
							r.get("applies_to"), r.get("reason_zh"), r.get("reason_en"))
					.update();
			}
		}
		reload();
	}

	List<Category> categories() {
		if (categories == null) {
			reload();
		}
		return categories;
	}

	Optional<Category> category(String code) {
		return categories().stream().filter(c -> c.code().equals(code)).findFirst();
	}

	List<GradingRule> rules() {
		if (rules == null) {
			reload();
		}
		return rules;
	}

	private static Category map(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new Category(rs.getString("code"), rs.getString("name_zh"), rs.getString("name_en"),
				rs.getInt("default_grade"), rs.getString("line"), rs.getString("department"),
				rs.getInt("respond_minutes"), rs.getInt("handle_amount"),
				CalendarKind.valueOf(rs.getString("handle_calendar")), rs.getInt("feedback_amount"),
				CalendarKind.valueOf(rs.getString("feedback_calendar")), rs.getBoolean("admitted_to_grid"),
				rs.getString("transfer_to"), rs.getString("keywords"));
	}

	private static List<CSVRecord> csv(String path) {
		try (var reader = new InputStreamReader(new ClassPathResource(path).getInputStream(), StandardCharsets.UTF_8)) {
			return CSVFormat.DEFAULT.builder()
				.setHeader()
				.setSkipHeaderRecord(true)
				.setTrim(true)
				.get()
				.parse(reader)
				.getRecords();
		}
		catch (IOException e) {
			throw new UncheckedIOException("Missing catalogue " + path, e);
		}
	}

	private static String blank(String s) {
		return s == null || s.isBlank() ? null : s;
	}

}
