package org.fengqiao.organisation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;

import org.fengqiao.platform.AuditLog;
import org.fengqiao.platform.DomainException;
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

	record RevealRequest(@Schema(description = "idNumber or phone") String field, @Schema(
			description = "Why you need to see it, 4 to 200 characters; recorded in the audit log") String reason) {
	}

	record NewAssignment(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) Long personId,
			@Schema(description = "An assignment kind, e.g. GRID_WORKER, GRID_CHIEF, POLICE_GRID_OFFICER, MEDIATOR",
					requiredMode = Schema.RequiredMode.REQUIRED) String kind,
			String gridCode, String policeGridCode, String policeRoomCode, String unitCode, String specialty,
			Boolean fullTime, @Schema(requiredMode = Schema.RequiredMode.REQUIRED) LocalDate validFrom,
			LocalDate validTo) {
	}

	record Rotation(@Schema(description = "The end date", requiredMode = Schema.RequiredMode.REQUIRED) LocalDate on) {
	}

	/** A page of people in the caller's data scope. */
	record PeoplePage(long total, int page, int size, List<Person> items) {
	}

	record PersonDetail(Person person, List<Assignment> assignments) {
	}

	record Revealed(String field, @Schema(nullable = true) String value) {
	}

	record PoliceGridDuty(Instant at, List<Staffing.OnDuty> onDuty, List<Staffing.Responsible> assigned) {
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
	PeoplePage list(@RequestParam(required = false) String role, @RequestParam(required = false) String grid,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		Person.Role wanted = null;
		if (role != null) {
			try {
				wanted = Person.Role.valueOf(role);
			}
			catch (IllegalArgumentException e) {
				throw DomainException.invalid("bad-role", "No role named " + role);
			}
		}
		if (page < 0 || size < 1 || size > 500) {
			throw DomainException.invalid("bad-page", "page ≥ 0 and 1 ≤ size ≤ 500");
		}
		DataScope scope = scopes.current();
		return new PeoplePage(people.count(scope, wanted, grid), page, size,
				people.list(scope, wanted, grid, page * size, size));
	}

	@GetMapping("/api/v1/people/{id}")
	PersonDetail person(@PathVariable long id) {
		Person person = people.find(id, scopes.current()).orElseThrow(() -> notFound(id));
		return new PersonDetail(person, assignments.ofPerson(id));
	}

	/**
	 * Shows a protected field in full, to permitted roles, with a reason; every attempt
	 * is audited.
	 */
	@PostMapping("/api/v1/people/{id}/reveal")
	Revealed reveal(@PathVariable long id, @Valid @RequestBody RevealRequest request) {
		if (request.field() == null || !List.of("idNumber", "phone").contains(request.field())) {
			throw DomainException.invalid("bad-field", "field must be idNumber or phone");
		}
		if (request.reason() == null || request.reason().strip().length() < 4 || request.reason().length() > 200) {
			audit.independently(null, "REVEAL", "person", String.valueOf(id), "DENIED", "no reason given");
			throw DomainException.invalid("reason-required",
					"Say why you need to see this (4 to 200 characters); the reveal is recorded");
		}
		if (people.find(id, scopes.current()).isEmpty()) {
			audit.independently(null, "REVEAL", "person", String.valueOf(id), "DENIED", "outside data scope");
			throw notFound(id);
		}
		String value = people.reveal(id, request.field()).orElse(null);
		audit.independently(null, "REVEAL", "person", String.valueOf(id), "OK",
				request.field() + ": " + request.reason().strip());
		return new Revealed(request.field(), value);
	}

	@GetMapping("/api/v1/grids/{code}/responsible")
	List<Staffing.Responsible> responsible(@PathVariable String code, @RequestParam(required = false) LocalDate date) {
		if (!scopes.current().covers(code)) {
			throw DomainException.notFound("grid-not-found", "No grid " + code + " in your area");
		}
		return staffing.responsibleFor(code, date == null ? staffing.today() : date);
	}

	@GetMapping("/api/v1/police-grids/{code}/on-duty")
	PoliceGridDuty onDuty(@PathVariable String code, @RequestParam(required = false) Instant at) {
		if (!scopes.current().coversPoliceGrid(code) && !scopes.current().all()) {
			throw DomainException.notFound("police-grid-not-found", "No police grid " + code + " in your area");
		}
		Instant when = at == null ? staffing.now() : at;
		return new PoliceGridDuty(when, staffing.onDuty(code, when), staffing.officersOf(code, staffing.today()));
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
	org.springframework.http.ResponseEntity<Assignment> assign(@Valid @RequestBody NewAssignment request) {
		if (request.personId() == null || request.kind() == null || request.validFrom() == null) {
			throw DomainException.invalid("bad-assignment", "personId, kind and validFrom are required");
		}
		Assignment.Kind kind;
		try {
			kind = Assignment.Kind.valueOf(request.kind());
		}
		catch (IllegalArgumentException e) {
			throw DomainException.invalid("bad-assignment", "Unknown kind " + request.kind());
		}
		DataScope scope = scopes.current();
		if (people.find(request.personId(), scope).isEmpty()) {
			throw notFound(request.personId());
		}
		String problem = placement.problem(kind, request.gridCode(), request.policeGridCode(), request.policeRoomCode(),
				request.unitCode(), request.specialty(), request.validFrom(), request.validTo());
		if (problem != null) {
			throw DomainException.invalid("bad-assignment", problem);
		}
		if (request.gridCode() != null && !scope.covers(request.gridCode())) {
			throw DomainException.notAllowed("outside-scope", "Grid " + request.gridCode() + " is not in your area");
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
	Assignment end(@PathVariable long id, @Valid @RequestBody Rotation request) {
		Assignment assignment = assignments.find(id)
			.filter(a -> people.find(a.personId(), scopes.current()).isPresent())
			.orElseThrow(
					() -> DomainException.notFound("assignment-not-found", "No assignment " + id + " in your area"));
		if (request.on() == null) {
			throw DomainException.invalid("bad-rotation", "on (the end date) is required");
		}
		Assignment ended;
		try {
			ended = assignment.endOn(request.on());
		}
		catch (IllegalArgumentException e) {
			throw DomainException.invalid("bad-rotation", e.getMessage());
		}
		catch (IllegalStateException e) {
			throw DomainException.conflict("already-ended", e.getMessage());
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
			if (e.type().equals(RosterWorkbook.Unreadable.NOT_A_WORKBOOK)) {
				// The one refusal whose status (415) is about the media type, not a
				// domain kind.
				throw Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, e.type(), "Not a readable workbook",
						e.getMessage());
			}
			throw e;
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
	@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200",
			description = "The people and assignments in the caller's data scope, in the import layout",
			content = @io.swagger.v3.oas.annotations.media.Content(
					mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
					schema = @Schema(type = "string", format = "binary")))
	void exportPeople(jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
		response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
		response.setHeader("Content-Disposition", "attachment; filename=\"people.xlsx\"");
		workbook.export(scopes.current(), response.getOutputStream());
	}

	private static DomainException notFound(long id) {
		return DomainException.notFound("person-not-found", "No person " + id + " in your area");
	}

}
