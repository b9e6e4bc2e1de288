package org.fengqiao.organisation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.fengqiao.platform.AuditLog;
import org.fengqiao.platform.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** People, responsibility, duty and compliance, always within the caller's data scope. */
@RestController
class OrganisationApi {

	record RevealRequest(String field, String reason) {
	}

	record NewAssignment(Long personId, String kind, String gridCode, String policeGridCode, String policeRoomCode,
			String unitCode, String specialty, Boolean fullTime, LocalDate validFrom, LocalDate validTo) {
	}

	record Rotation(LocalDate on) {
	}

	private final People people;

	private final Assignments assignments;

	private final DataScopes scopes;

	private final Staffing staffing;

	private final ComplianceReport compliance;

	private final AuditLog audit;

	private final RosterWorkbook workbook;

	private final Placement placement;

	OrganisationApi(People people, Assignments assignments, DataScopes scopes, Staffing staffing,
			ComplianceReport compliance, AuditLog audit, RosterWorkbook workbook, Placement placement) {
		this.workbook = workbook;
		this.placement = placement;
		this.people = people;
		this.assignments = assignments;
		this.scopes = scopes;
		this.staffing = staffing;
		this.compliance = compliance;
		this.audit = audit;
	}

	@GetMapping("/api/v1/people")
	Map<String, Object> list(@RequestParam(required = false) String role, @RequestParam(required = false) String grid,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		Person.Role wanted = null;
		if (role != null) {
			try {
				wanted = Person.Role.valueOf(role);
			}
			catch (IllegalArgumentException e) {
				throw Problems.of(HttpStatus.BAD_REQUEST, "bad-role", "Unknown role", "No role named " + role);
			}
		}
		if (page < 0 || size < 1 || size > 500) {
			throw Problems.of(HttpStatus.BAD_REQUEST, "bad-page", "Bad page", "page ≥ 0 and 1 ≤ size ≤ 500");
		}
		DataScope scope = scopes.current();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("total", people.count(scope, wanted, grid));
		body.put("page", page);
		body.put("size", size);
		body.put("items", people.list(scope, wanted, grid, page * size, size));
		return body;
	}

	@GetMapping("/api/v1/people/{id}")
	Map<String, Object> person(@PathVariable long id) {
		Person person = people.find(id, scopes.current()).orElseThrow(() -> notFound(id));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("person", person);
		body.put("assignments", assignments.ofPerson(id));
		return body;
	}

	/**
	 * Shows a protected field in full, to permitted roles, with a reason; every attempt
	 * is audited.
	 */
	@PostMapping("/api/v1/people/{id}/reveal")
	Map<String, Object> reveal(@PathVariable long id, @RequestBody RevealRequest request) {
		if (request == null || request.field() == null || !List.of("idNumber", "phone").contains(request.field())) {
			throw Problems.of(HttpStatus.BAD_REQUEST, "bad-field", "Bad field", "field must be idNumber or phone");
		}
		if (request.reason() == null || request.reason().strip().length() < 4 || request.reason().length() > 200) {
			audit.independently(null, "REVEAL", "person", String.valueOf(id), "DENIED", "no reason given");
			throw Problems.of(HttpStatus.BAD_REQUEST, "reason-required", "Reason required",
					"Say why you need to see this (4 to 200 characters); the reveal is recorded");
		}
		if (people.find(id, scopes.current()).isEmpty()) {
			audit.independently(null, "REVEAL", "person", String.valueOf(id), "DENIED", "outside data scope");
			throw notFound(id);
		}
		String value = people.reveal(id, request.field()).orElse(null);
		audit.independently(null, "REVEAL", "person", String.valueOf(id), "OK",
				request.field() + ": " + request.reason().strip());
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("field", request.field());
		body.put("value", value);
		return body;
	}

	@GetMapping("/api/v1/grids/{code}/responsible")
	List<Staffing.Responsible> responsible(@PathVariable String code, @RequestParam(required = false) LocalDate date) {
		if (!scopes.current().covers(code)) {
			throw Problems.of(HttpStatus.NOT_FOUND, "grid-not-found", "Grid not found",
					"No grid " + code + " in your area");
		}
		return staffing.responsibleFor(code, date == null ? staffing.today() : date);
	}

	@GetMapping("/api/v1/police-grids/{code}/on-duty")
	Map<String, Object> onDuty(@PathVariable String code, @RequestParam(required = false) Instant at) {
		if (!scopes.current().coversPoliceGrid(code) && !scopes.current().all()) {
			throw Problems.of(HttpStatus.NOT_FOUND, "police-grid-not-found", "Police grid not found",
					"No police grid " + code + " in your area");
		}
		Instant when = at == null ? staffing.now() : at;
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("at", when);
		body.put("onDuty", staffing.onDuty(code, when));
		body.put("assigned", staffing.officersOf(code, staffing.today()));
		return body;
	}

	@GetMapping("/api/v1/organisation/compliance")
	ComplianceReport.Report compliance() {
		return compliance.check(scopes.current());
	}

	/**
	 * Assigns a person to an area from a date; checked against the geography and audited.
	 */
	@PostMapping("/api/v1/assignments")
	@org.springframework.transaction.annotation.Transactional
	org.springframework.http.ResponseEntity<Assignment> assign(@RequestBody NewAssignment request) {
		if (request == null || request.personId() == null || request.kind() == null || request.validFrom() == null) {
			throw Problems.of(HttpStatus.BAD_REQUEST, "bad-assignment", "Bad assignment",
					"personId, kind and validFrom are required");
		}
		Assignment.Kind kind;
		try {
			kind = Assignment.Kind.valueOf(request.kind());
		}
		catch (IllegalArgumentException e) {
			throw Problems.of(HttpStatus.BAD_REQUEST, "bad-assignment", "Bad assignment",
					"Unknown kind " + request.kind());
		}
		DataScope scope = scopes.current();
		if (people.find(request.personId(), scope).isEmpty()) {
			throw notFound(request.personId());
		}
		String problem = placement.problem(kind, request.gridCode(), request.policeGridCode(), request.policeRoomCode(),
				request.unitCode(), request.specialty(), request.validFrom(), request.validTo());
		if (problem != null) {
			throw Problems.of(HttpStatus.BAD_REQUEST, "bad-assignment", "Bad assignment", problem);
		}
		if (request.gridCode() != null && !scope.covers(request.gridCode())) {
			throw Problems.of(HttpStatus.FORBIDDEN, "outside-scope", "Outside your area",
					"Grid " + request.gridCode() + " is not in your area");
		}
		Assignment assignment = new Assignment(null, request.personId(), kind, request.gridCode(),
				request.policeGridCode(), request.policeRoomCode(), request.unitCode(), request.specialty(),
				request.fullTime(), request.validFrom(), request.validTo());
		long id = assignments.add(assignment);
		audit.change("ASSIGNED", "assignment", String.valueOf(id),
				"person " + request.personId() + " " + kind + " "
						+ java.util.Objects.toString(request.gridCode() != null ? request.gridCode()
								: request.policeGridCode() != null ? request.policeGridCode() : request.unitCode())
						+ " from " + request.validFrom());
		return org.springframework.http.ResponseEntity.status(HttpStatus.CREATED)
			.body(assignments.find(id).orElseThrow());
	}

	/** Ends an assignment (rotation); the history stays. */
	@PostMapping("/api/v1/assignments/{id}/end")
	@org.springframework.transaction.annotation.Transactional
	Assignment end(@PathVariable long id, @RequestBody Rotation request) {
		Assignment assignment = assignments.find(id)
			.filter(a -> people.find(a.personId(), scopes.current()).isPresent())
			.orElseThrow(() -> Problems.of(HttpStatus.NOT_FOUND, "assignment-not-found", "Assignment not found",
					"No assignment " + id + " in your area"));
		if (request == null || request.on() == null) {
			throw Problems.of(HttpStatus.BAD_REQUEST, "bad-rotation", "Bad rotation", "on (the end date) is required");
		}
		Assignment ended;
		try {
			ended = assignment.endOn(request.on());
		}
		catch (IllegalArgumentException e) {
			throw Problems.of(HttpStatus.BAD_REQUEST, "bad-rotation", "Bad rotation", e.getMessage());
		}
		catch (IllegalStateException e) {
			throw Problems.of(HttpStatus.CONFLICT, "already-ended", "Already ended", e.getMessage());
		}
		assignments.end(ended);
		audit.change("ASSIGNMENT_ENDED", "assignment", String.valueOf(id), "ended on " + request.on());
		return ended;
	}

	/**
	 * Imports people and assignments from Excel; 201 when imported, 422 with row errors
	 * when nothing was.
	 */
	@PostMapping(path = "/api/v1/organisation/imports", consumes = "multipart/form-data")
	org.springframework.http.ResponseEntity<RosterWorkbook.ImportReport> importPeople(
			@RequestParam org.springframework.web.multipart.MultipartFile file,
			@RequestParam(defaultValue = "false") boolean validRowsOnly) throws java.io.IOException {
		RosterWorkbook.ImportReport report;
		try {
			report = workbook.importFrom(file.getInputStream(), validRowsOnly);
		}
		catch (RosterWorkbook.Unreadable e) {
			throw Problems.of(HttpStatus.valueOf(e.status), e.type, "Not a readable workbook", e.getMessage());
		}
		catch (RosterWorkbook.WrongLayout e) {
			throw Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "wrong-layout", "Wrong layout", e.getMessage());
		}
		if (report.status().equals("REJECTED")) {
			throw Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "import-rejected", "Import rejected",
					"Nothing was imported: " + report.errors().size()
							+ " row error(s); fix them, or import the valid rows"
							+ " explicitly with validRowsOnly=true",
					Map.of("report", report));
		}
		return org.springframework.http.ResponseEntity.status(HttpStatus.CREATED).body(report);
	}

	@GetMapping("/api/v1/organisation/export")
	void exportPeople(jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
		response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
		response.setHeader("Content-Disposition", "attachment; filename=\"people.xlsx\"");
		workbook.export(scopes.current(), response.getOutputStream());
	}

	private static org.springframework.web.ErrorResponseException notFound(long id) {
		return Problems.of(HttpStatus.NOT_FOUND, "person-not-found", "Person not found",
				"No person " + id + " in your area");
	}

}
