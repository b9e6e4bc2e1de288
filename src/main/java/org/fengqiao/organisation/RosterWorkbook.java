package org.fengqiao.organisation;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.fengqiao.geo.GridDirectory;
import org.fengqiao.platform.AuditLog;
import org.fengqiao.platform.DomainException;
import org.fengqiao.platform.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * People and their assignments in the Excel layout county offices keep: one row per
 * person and assignment, the same columns for import and export. An import is checked row
 * by row first; nothing is imported unless every row is valid, or the administrator asks
 * for the valid rows explicitly. Exports show ID and phone numbers masked.
 */
@Component
class RosterWorkbook {

	static final List<String> COLUMNS = List.of("姓名", "性别", "身份证号", "手机号", "单位编码", "角色", "职责类型", "网格编码", "警格编码", "专业",
			"起始日期", "截止日期");

	record RowError(int row, String column, String message) {
	}

	record ImportReport(String status, int rows, int imported, List<RowError> errors) {
	}

	/** The file is not a workbook of this layout at all (rejected, nothing imported). */
	static final class WrongLayout extends DomainException {

		WrongLayout(String message) {
			super(Kind.REJECTED, "wrong-layout", message);
		}

	}

	/**
	 * The file cannot be read as a workbook at all: empty, not a workbook
	 * ({@value #NOT_A_WORKBOOK}, which the web layer answers with 415), a zip bomb (too
	 * large), XML with a DTD or entities (XXE, billion laughs) or broken XML. Nothing is
	 * imported.
	 */
	static final class Unreadable extends DomainException {

		static final String NOT_A_WORKBOOK = "not-a-workbook";

		Unreadable(Kind kind, String type, String message) {
			super(kind, type, message);
		}

	}

	/** Largest uncompressed part of a workbook (a sheet of 20 000 rows is a few MB). */
	static final long MAX_PART_BYTES = 64L * 1024 * 1024;

	static {
		// A part that inflates more than 100 times, or past MAX_PART_BYTES, is a zip
		// bomb: POI stops reading it.
		org.apache.poi.openxml4j.util.ZipSecureFile.setMinInflateRatio(0.01);
		org.apache.poi.openxml4j.util.ZipSecureFile.setMaxEntrySize(MAX_PART_BYTES);
	}

	private record Line(int row, String name, String gender, String idNumber, String phone, String unit,
			Person.Role role, Assignment.Kind kind, String grid, String policeGrid, String specialty, LocalDate from,
			LocalDate to) {
	}

	private final People people;

	private final Assignments assignments;

	private final Units units;

	private final GridDirectory directory;

	private final JdbcClient jdbc;

	private final AuditLog audit;

	private final Placement placement;

	RosterWorkbook(People people, Assignments assignments, Units units, GridDirectory directory, JdbcClient jdbc,
			AuditLog audit, Placement placement) {
		this.placement = placement;
		this.people = people;
		this.assignments = assignments;
		this.units = units;
		this.directory = directory;
		this.jdbc = jdbc;
		this.audit = audit;
	}

	@Transactional
	ImportReport importFrom(InputStream in, boolean validRowsOnly) {
		List<RowError> errors = new ArrayList<>();
		List<Line> lines = new ArrayList<>();
		try (Workbook workbook = open(in)) {
			Sheet sheet = workbook.getNumberOfSheets() == 0 ? null : workbook.getSheetAt(0);
			if (sheet == null || sheet.getRow(0) == null) {
				throw new WrongLayout(
						"The workbook has no header row; expected columns: " + String.join(", ", COLUMNS));
			}
			Row header = sheet.getRow(0);
			for (int c = 0; c < COLUMNS.size(); c++) {
				String found = text(header.getCell(c));
				if (!COLUMNS.get(c).equals(found)) {
					throw new WrongLayout("Column " + (c + 1) + " should be \"" + COLUMNS.get(c) + "\" but is \""
							+ found + "\"; expected columns: " + String.join(", ", COLUMNS));
				}
			}
			Map<String, String> nameOfId = new HashMap<>();
			Set<String> seenRows = new java.util.HashSet<>();
			for (int r = 1; r <= sheet.getLastRowNum(); r++) {
				Row row = sheet.getRow(r);
				if (row == null || isBlank(row)) {
					continue;
				}
				Line line = parse(r + 1, row, errors);
				if (line == null) {
					continue;
				}
				String id = line.idNumber();
				if (nameOfId.containsKey(id) && !nameOfId.get(id).equals(line.name())) {
					errors.add(new RowError(line.row(), "身份证号", "the same ID number is given for two different names"));
					continue;
				}
				if (!seenRows
					.add(id + "|" + line.kind() + "|" + line.grid() + "|" + line.policeGrid() + "|" + line.from())) {
					errors.add(new RowError(line.row(), null, "duplicate row"));
					continue;
				}
				nameOfId.put(id, line.name());
				lines.add(line);
			}
		}
		catch (IOException | org.apache.poi.UnsupportedFileFormatException e) {
			throw new WrongLayout("The file is not an Excel workbook (.xlsx)");
		}
		int rows = lines.size() + (int) errors.stream().map(RowError::row).distinct().count();
		if (!errors.isEmpty() && !validRowsOnly) {
			return new ImportReport("REJECTED", rows, 0, errors);
		}
		Map<String, Long> personOfId = new HashMap<>();
		for (Line line : lines) {
			long personId = personOfId.computeIfAbsent(line.idNumber(),
					id -> people.findIdByIdNumber(id)
						.orElseGet(() -> people.register(new People.Registration(line.name(), line.gender(),
								line.unit(), id, line.phone(), EnumSet.of(line.role()), Set.of(), null))));
			jdbc.sql("insert into person_role (person_id, role) values (?, ?) on conflict do nothing")
				.params(personId, line.role().name())
				.update();
			if (line.kind() != null) {
				assignments.add(new Assignment(null, personId, line.kind(), line.grid(), line.policeGrid(), null,
						line.kind() == Assignment.Kind.SECONDMENT || line.kind() == Assignment.Kind.MEDIATOR
								? line.unit() : null,
						line.specialty(), null, line.from(), line.to()));
			}
		}
		audit.change("ORGANISATION_IMPORT", "person", null,
				lines.size() + " rows imported, " + errors.size() + " errors");
		return new ImportReport(errors.isEmpty() ? "IMPORTED" : "PARTIAL", rows, lines.size(), errors);
	}

	/**
	 * The workbook, or {@link Unreadable} with the reason when the file is not one that
	 * may be read.
	 */
	static Workbook open(InputStream in) throws IOException {
		try {
			return new XSSFWorkbook(in);
		}
		catch (org.apache.poi.EmptyFileException e) {
			throw new Unreadable(DomainException.Kind.INVALID, "empty-file", "The file is empty");
		}
		catch (IOException | RuntimeException e) {
			String reasons = reasons(e);
			if (reasons.contains("zip bomb") || reasons.contains("exceeds the max")
					|| reasons.contains("max entry size")) {
				throw new Unreadable(DomainException.Kind.TOO_LARGE, "zip-bomb",
						"A part of the workbook inflates beyond the limits (more than 100 times its"
								+ " compressed size or more than " + MAX_PART_BYTES / (1024 * 1024)
								+ " MB): refused as a zip bomb");
			}
			if (reasons.contains("doctype") || reasons.contains("entity expansion")
					|| reasons.contains("external entit")) {
				throw new Unreadable(DomainException.Kind.INVALID, "forbidden-xml",
						"The workbook's XML declares a DTD or entities (XXE, entity"
								+ " expansion); such workbooks are refused");
			}
			if (e instanceof org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException
					|| e instanceof org.apache.poi.UnsupportedFileFormatException || reasons.contains("content type")
					|| reasons.contains("no valid entries") || reasons.contains("not a valid")
					|| reasons.contains("zip") || reasons.contains("package") || reasons.contains("relationship")) {
				throw new Unreadable(DomainException.Kind.INVALID, Unreadable.NOT_A_WORKBOOK,
						"The file is not an Excel workbook (.xlsx)");
			}
			throw new Unreadable(DomainException.Kind.INVALID, "broken-workbook",
					"The workbook is damaged: its XML cannot be read");
		}
	}

	/** The messages of an exception and its causes, lower case. */
	private static String reasons(Throwable e) {
		StringBuilder all = new StringBuilder();
		for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
			all.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append('\n');
		}
		return all.toString().toLowerCase(java.util.Locale.ROOT);
	}

	private Line parse(int rowNumber, Row row, List<RowError> errors) {
		int before = errors.size();
		for (int c = 0; c < COLUMNS.size(); c++) {
			if (org.fengqiao.platform.ControlCharacters.present(text(row.getCell(c)))) {
				errors.add(new RowError(rowNumber, COLUMNS.get(c), "holds a NUL or another control character"));
			}
		}
		if (errors.size() > before) {
			return null;
		}
		String name = text(row.getCell(0));
		if (name.isEmpty() || name.length() > 50) {
			errors.add(new RowError(rowNumber, "姓名", "a name is required (at most 50 characters)"));
		}
		String gender = switch (text(row.getCell(1))) {
			case "男", "M" -> "M";
			case "女", "F" -> "F";
			default -> {
				errors.add(new RowError(rowNumber, "性别", "男 or 女"));
				yield null;
			}
		};
		String id = PersonalData.normaliseIdNumber(text(row.getCell(2)));
		if (!PersonalData.isValidIdNumber(id)) {
			errors.add(new RowError(rowNumber, "身份证号",
					"not a valid resident ID number (length, birth date or check digit)"));
		}
		String phone = text(row.getCell(3));
		if (!phone.isEmpty() && !PersonalData.isValidMobile(phone)) {
			errors.add(new RowError(rowNumber, "手机号", "not a valid mobile number"));
		}
		String unit = text(row.getCell(4));
		if (unit.isEmpty() || !units.exists(unit)) {
			errors.add(new RowError(rowNumber, "单位编码", "unknown unit " + unit));
		}
		Person.Role role = parseEnum(Person.Role.class, text(row.getCell(5)), rowNumber, "角色", errors, true);
		Assignment.Kind kind = parseEnum(Assignment.Kind.class, text(row.getCell(6)), rowNumber, "职责类型", errors, false);
		String grid = blankToNull(text(row.getCell(7)));
		String policeGrid = blankToNull(text(row.getCell(8)));
		String specialty = blankToNull(text(row.getCell(9)));
		LocalDate from = date(row.getCell(10), rowNumber, "起始日期", errors);
		LocalDate to = date(row.getCell(11), rowNumber, "截止日期", errors);
		if (grid != null && directory.grid(grid).isEmpty()) {
			errors.add(new RowError(rowNumber, "网格编码", "unknown grid " + grid));
		}
		if (policeGrid != null && directory.policeGrids().stream().noneMatch(p -> p.code().equals(policeGrid))) {
			errors.add(new RowError(rowNumber, "警格编码", "unknown police grid " + policeGrid));
		}
		if (kind != null && from == null) {
			errors.add(new RowError(rowNumber, "起始日期", "an assignment needs a start date"));
		}
		if (kind != null && errors.size() == before) {
			String problem = placement.problem(kind, grid, policeGrid, null, unit, specialty, from, to);
			if (problem != null) {
				errors.add(new RowError(rowNumber, "职责类型", problem));
			}
		}
		if (from != null && to != null && !to.isAfter(from)) {
			errors.add(new RowError(rowNumber, "截止日期", "must be after the start date"));
		}
		if (errors.size() > before) {
			return null;
		}
		return new Line(rowNumber, name, gender, id, phone.isEmpty() ? null : phone, unit, role, kind, grid, policeGrid,
				specialty, from, to);
	}

	/** The same layout, for the people in scope; ID and phone numbers masked. */
	@Transactional(readOnly = true)
	void export(DataScope scope, OutputStream out) throws IOException {
		try (Workbook workbook = new XSSFWorkbook()) {
			Sheet sheet = workbook.createSheet("人员");
			Row header = sheet.createRow(0);
			for (int c = 0; c < COLUMNS.size(); c++) {
				header.createCell(c).setCellValue(COLUMNS.get(c));
			}
			int r = 1;
			for (int offset = 0;; offset += 1000) {
				List<Person> batch = people.list(scope, null, null, offset, 1000);
				for (Person p : batch) {
					List<Assignment> list = assignments.ofPerson(p.id());
					List<Assignment> rows = list.isEmpty() ? java.util.Collections.singletonList(null) : list;
					for (Assignment a : rows) {
						Row row = sheet.createRow(r++);
						String[] values = { p.name(), "M".equals(p.gender()) ? "男" : "F".equals(p.gender()) ? "女" : "",
								p.idNumberMasked(), p.phoneMasked(), p.unitCode(),
								p.roles().isEmpty() ? "" : p.roles().iterator().next().name(),
								a == null ? "" : a.kind().name(), a == null ? "" : nullToBlank(a.gridCode()),
								a == null ? "" : nullToBlank(a.policeGridCode()),
								a == null ? "" : nullToBlank(a.specialty()), a == null ? "" : a.validFrom().toString(),
								a == null || a.validTo() == null ? "" : a.validTo().toString() };
						for (int c = 0; c < values.length; c++) {
							row.createCell(c).setCellValue(values[c] == null ? "" : values[c]);
						}
					}
				}
				if (batch.size() < 1000) {
					break;
				}
			}
			workbook.write(out);
		}
		audit.independently(null, "ORGANISATION_EXPORT", "person", null, "OK", null);
	}

	private static <E extends Enum<E>> E parseEnum(Class<E> type, String value, int row, String column,
			List<RowError> errors, boolean required) {
		if (value.isEmpty()) {
			if (required) {
				errors.add(new RowError(row, column, "required; one of " + EnumSet.allOf(type)));
			}
			return null;
		}
		try {
			return Enum.valueOf(type, value);
		}
		catch (IllegalArgumentException e) {
			errors.add(new RowError(row, column, "one of " + EnumSet.allOf(type)));
			return null;
		}
	}

	private static LocalDate date(Cell cell, int row, String column, List<RowError> errors) {
		if (cell == null || text(cell).isEmpty()) {
			return null;
		}
		if (cell.getCellType() == CellType.NUMERIC && DateUtil.isCellDateFormatted(cell)) {
			return cell.getLocalDateTimeCellValue().toLocalDate();
		}
		try {
			return LocalDate.parse(text(cell));
		}
		catch (DateTimeParseException e) {
			errors.add(new RowError(row, column, "a date like 2026-01-31"));
			return null;
		}
	}

	private static final DataFormatter FORMATTER = new DataFormatter();

	private static String text(Cell cell) {
		return cell == null ? "" : FORMATTER.formatCellValue(cell).strip();
	}

	private static boolean isBlank(Row row) {
		for (int c = 0; c < COLUMNS.size(); c++) {
			if (!text(row.getCell(c)).isEmpty()) {
				return false;
			}
		}
		return true;
	}

	private static String blankToNull(String s) {
		return s.isEmpty() ? null : s;
	}

	private static String nullToBlank(String s) {
		return s == null ? "" : s;
	}

}
