package org.fengqiao.mediation;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.fengqiao.organisation.DataScope;
import org.fengqiao.organisation.DataScopes;
import org.fengqiao.platform.DomainException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The dispute API: registration (screening and court or police referrals) and the
 * mediation work for staff within their data scope; the resident's application and
 * tracking (public); documents; and the figures.
 */
@RestController
class DisputeApi {

	/** The mediator to assign or who recuses; the caller when no person is given. */
	@Schema(name = "DisputeMediatorChoice")
	record MediatorChoice(@Schema(description = "the mediator's person id; the caller's own when absent") Long personId,
			@Schema(description = "why the mediator recuses (recusals only)", maxLength = 500) String reason) {
	}

	/** A session to schedule in a mediation room. */
	@Schema(name = "DisputeSessionPlan")
	record SessionPlan(@Schema(description = "a room serving the dispute's area (see rooms)") String roomCode,
			Instant startsAt) {
	}

	/** What a held session recorded. */
	@Schema(name = "DisputeSessionMinutes")
	record SessionMinutes(String attendees, String minutes) {
	}

	/** Mediation failed; by default the dispute climbs to the next rung. */
	@Schema(name = "DisputeFailure")
	record Failure(@Schema(description = "climb to the next rung (default true); false ends the case") Boolean escalate,
			@Schema(maxLength = 2000) String reason) {
	}

	/** A reason, where one is asked for (withdrawal, extension). */
	@Schema(name = "DisputeReason")
	record Reason(@Schema(maxLength = 2000) String reason) {
	}

	/** A referral out of mediation (from registration or the county's centre). */
	@Schema(name = "DisputeReferral")
	record Referral(@Schema(implementation = Dispute.Referral.class) String target, String reason) {
	}

	/** A change of the dispute's risk assessment. */
	@Schema(name = "DisputeRiskChange")
	record RiskChange(@Schema(implementation = RiskColour.class) String colour, Boolean criminalRisk,
			@Schema(maxLength = 500) String reason) {
	}

	/** An application for judicial confirmation of a written agreement. */
	@Schema(name = "DisputeConfirmationApplication")
	record ConfirmationApplication(@Schema(description = "applied on; today when absent") LocalDate on,
			@Schema(maxLength = 100) String court) {
	}

	/** The court's decision on judicial confirmation. */
	@Schema(name = "DisputeConfirmationDecision")
	record ConfirmationDecision(@Schema(allowableValues = {
			"CONFIRMED", "REJECTED" }) String result,
			@Schema(description = "decided on; today when absent") LocalDate on){
	}

	/** A follow-up visit after the agreement. */
	@Schema(name = "DisputeFollowUpVisit")
	record Visit(@NotNull @Schema(description = "whether the agreement was performed") Boolean performed,
			@Schema(maxLength = 2000) String notes) {
	}

	/** The dispute after scheduling, with the new session's id. */
	@Schema(name = "DisputeScheduled")
	record Scheduled(@JsonUnwrapped CaseFiles.DisputeView dispute, long sessionId) {
	}

	private final DisputeRegistration registration;

	private final DisputeParties parties;

	private final MediatorAssignment assignment;

	private final MediationSessions sessions;

	private final MediationOutcome outcome;

	private final AfterTheAgreement afterAgreement;

	private final MediationRooms mediationRooms;

	private final DisputeChanges changes;

	private final Disputes disputes;

	private final DisputeFigures figures;

	private final CaseFiles caseFiles;

	private final DataScopes scopes;

	private final Clock clock;

	private final org.fengqiao.platform.AuditLog audit;

	private final DisputeAccess access;

	DisputeApi(DisputeRegistration registration, DisputeParties parties, MediatorAssignment assignment,
			MediationSessions sessions, MediationOutcome outcome, AfterTheAgreement afterAgreement,
			MediationRooms mediationRooms, DisputeChanges changes, Disputes disputes, DisputeFigures figures,
			CaseFiles caseFiles, DataScopes scopes, Clock clock, org.fengqiao.platform.AuditLog audit,
			DisputeAccess access) {
		this.access = access;
		this.audit = audit;
		this.registration = registration;
		this.parties = parties;
		this.assignment = assignment;
		this.sessions = sessions;
		this.outcome = outcome;
		this.afterAgreement = afterAgreement;
		this.mediationRooms = mediationRooms;
		this.changes = changes;
		this.disputes = disputes;
		this.figures = figures;
		this.caseFiles = caseFiles;
		this.scopes = scopes;
		this.clock = clock;
	}

	// --- registration and reading
	// -------------------------------------------------------------------------

	/**
	 * Registers a dispute found by screening, or referred by a court or the police (with
	 * its reference).
	 */
	@PostMapping("/api/v1/disputes")
	@ResponseStatus(HttpStatus.CREATED)
	ResponseEntity<CaseFiles.DisputeView> register(@Valid @RequestBody DisputeRegistration.Registration body,
			Authentication who) {
		if ("APPLICATION".equalsIgnoreCase(body.source()) || "WHISTLE".equalsIgnoreCase(body.source())) {
			throw DomainException.invalid("bad-source",
					"Residents apply through /api/v1/public/disputes; whistles arrive from dispatch");
		}
		DataScope scope = scopes.current();
		DisputeRegistration.Registered registered = registration.register(body, who.getName(), scope::covers);
		return ResponseEntity.created(URI.create("/api/v1/disputes/" + registered.id())).body(view(registered.id()));
	}

	@GetMapping("/api/v1/disputes")
	List<Disputes.Row> list(@RequestParam(required = false) String state, @RequestParam(required = false) String rung,
			@RequestParam(required = false) String q, @RequestParam(defaultValue = "false") boolean mine,
			@RequestParam(defaultValue = "false") boolean overdue,
			@RequestParam(defaultValue = "false") boolean followUpDue,
			@RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
			@RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
		return disputes.list(scopes.current(), scopes.currentPerson().orElse(null),
				new Disputes.Filter(state, rung, q, mine, overdue, followUpDue, clock.instant()), size, page * size);
	}

	/**
	 * The disputes in scope as CSV (for the justice bureau's spreadsheets); parties'
	 * personal data stay masked.
	 */
	@GetMapping(path = "/api/v1/disputes/export.csv", produces = "text/csv")
	@ApiResponse(responseCode = "200", description = "the disputes as CSV (UTF-8 with a byte order mark)",
			content = @Content(mediaType = "text/csv", schema = @Schema(type = "string", format = "binary")))
	ResponseEntity<byte[]> export(@RequestParam(required = false) String state,
			@RequestParam(required = false) String q) {
		List<Disputes.Row> rows = disputes.list(scopes.current(), scopes.currentPerson().orElse(null),
				new Disputes.Filter(state, null, q, false, false, false, clock.instant()), 100_000, 0);
		StringWriter out = new StringWriter();
		try (CSVPrinter csv = new CSVPrinter(out,
				CSVFormat.DEFAULT.builder()
					.setHeader("tracking_code", "type", "state", "rung", "risk_colour", "civil_to_criminal", "village",
							"body", "registered_at", "source", "description")
					.get())) {
			for (Disputes.Row r : rows) {
				csv.printRecord(r.trackingCode(), r.type(), r.state(), r.rung(), r.riskColour(), r.criminalRisk(),
						r.villageCode(), r.bodyCode(), r.registeredAt(), r.source(), cell(r.description()));
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		byte[] bytes = ("\uFEFF" + out).getBytes(StandardCharsets.UTF_8);
		audit.independently(null, "DISPUTE_EXPORT", "dispute", null, "OK",
				rows.size() + " rows; state=" + (state == null ? "" : state) + "; q="
						+ (q == null ? "" : q.length() > 100 ? q.substring(0, 100) : q));
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"disputes.csv\"")
			.contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
			.body(bytes);
	}

	@GetMapping("/api/v1/disputes/{id}")
	CaseFiles.DisputeView dispute(@PathVariable UUID id) {
		access.requireInScope(id);
		return view(id);
	}

	/**
	 * Who may mediate the dispute now: the current body's mediators and the third-party
	 * pool, recused ones marked.
	 */
	@GetMapping("/api/v1/disputes/{id}/candidates")
	List<CaseFiles.Candidate> candidates(@PathVariable UUID id) {
		access.requireInScope(id);
		return caseFiles.candidates(id);
	}

	@GetMapping("/api/v1/disputes/{id}/rooms")
	List<Disputes.Room> rooms(@PathVariable UUID id) {
		access.requireInScope(id);
		return disputes.roomsFor(changes.load(id).facts().areaCode());
	}

	// --- actions
	// ------------------------------------------------------------------------------------------------

	/**
	 * One change to a dispute in the caller's area, made as the caller; answers the
	 * dispute as it now is.
	 */
	private CaseFiles.DisputeView change(UUID id, Authentication who, Consumer<DisputeChanges.Actor> work) {
		access.requireInScope(id);
		work.accept(access.actor(who));
		return view(id);
	}

	/** The person named in the request, else the caller themselves. */
	private long personOrMe(MediatorChoice a) {
		Long person = a == null || a.personId() == null ? scopes.currentPerson().orElse(null) : a.personId();
		if (person == null) {
			throw DomainException.invalid("missing-person", "Give the mediator's personId");
		}
		return person;
	}

	@PostMapping("/api/v1/disputes/{id}/mediators")
	CaseFiles.DisputeView assign(@PathVariable UUID id, @Valid @RequestBody(required = false) MediatorChoice a,
			Authentication who) {
		return change(id, who, by -> assignment.assign(id, personOrMe(a), by));
	}

	@PostMapping("/api/v1/disputes/{id}/recusals")
	CaseFiles.DisputeView recuse(@PathVariable UUID id, @Valid @RequestBody MediatorChoice a, Authentication who) {
		return change(id, who, by -> assignment.recuse(id, personOrMe(a), a.reason(), by));
	}

	/** Adds a party (a dispute from a whistle arrives without any). */
	@PostMapping("/api/v1/disputes/{id}/parties")
	CaseFiles.DisputeView addParty(@PathVariable UUID id, @Valid @RequestBody DisputeParties.PartyInput party,
			Authentication who) {
		return change(id, who, by -> parties.addParty(id, party, by));
	}

	@PostMapping("/api/v1/disputes/{id}/sessions")
	@ResponseStatus(HttpStatus.CREATED)
	ResponseEntity<Scheduled> schedule(@PathVariable UUID id, @Valid @RequestBody SessionPlan a, Authentication who) {
		long[] session = new long[1];
		CaseFiles.DisputeView body = change(id, who,
				by -> session[0] = sessions.scheduleSession(id, a.roomCode(), a.startsAt(), by));
		return ResponseEntity.status(HttpStatus.CREATED).body(new Scheduled(body, session[0]));
	}

	@PostMapping("/api/v1/disputes/{id}/sessions/{session}")
	CaseFiles.DisputeView record(@PathVariable UUID id, @PathVariable long session,
			@Valid @RequestBody SessionMinutes a, Authentication who) {
		return change(id, who, by -> sessions.recordSession(id, session, a.attendees(), a.minutes(), by));
	}

	@PostMapping("/api/v1/disputes/{id}/agreement")
	CaseFiles.DisputeView agree(@PathVariable UUID id, @Valid @RequestBody MediationOutcome.MediationAgreementInput a,
			Authentication who) {
		return change(id, who, by -> outcome.agree(id, a, by));
	}

	@PostMapping("/api/v1/disputes/{id}/failure")
	CaseFiles.DisputeView fail(@PathVariable UUID id, @Valid @RequestBody Failure a, Authentication who) {
		return change(id, who, by -> outcome.fail(id, a.escalate() == null || a.escalate(), a.reason(), by));
	}

	@PostMapping("/api/v1/disputes/{id}/withdrawal")
	CaseFiles.DisputeView withdraw(@PathVariable UUID id, @Valid @RequestBody(required = false) Reason a,
			Authentication who) {
		return change(id, who, by -> outcome.withdraw(id, a == null ? null : a.reason(), by));
	}

	@PostMapping("/api/v1/disputes/{id}/referral")
	CaseFiles.DisputeView refer(@PathVariable UUID id, @Valid @RequestBody Referral a, Authentication who) {
		return change(id, who, by -> outcome.refer(id, a.target(), a.reason(), by));
	}

	@PostMapping("/api/v1/disputes/{id}/extension")
	CaseFiles.DisputeView extend(@PathVariable UUID id, @Valid @RequestBody Reason a, Authentication who) {
		return change(id, who, by -> outcome.extend(id, a.reason(), by));
	}

	@PostMapping("/api/v1/disputes/{id}/risk")
	CaseFiles.DisputeView risk(@PathVariable UUID id, @Valid @RequestBody RiskChange a, Authentication who) {
		return change(id, who, by -> outcome.changeRisk(id, a.colour(), a.criminalRisk(), a.reason(), by));
	}

	@PostMapping("/api/v1/disputes/{id}/confirmation")
	CaseFiles.DisputeView confirmation(@PathVariable UUID id, @Valid @RequestBody ConfirmationApplication a,
			Authentication who) {
		return change(id, who, by -> afterAgreement.applyForConfirmation(id, a.on(), a.court(), by));
	}

	@PostMapping("/api/v1/disputes/{id}/confirmation/result")
	CaseFiles.DisputeView confirmationResult(@PathVariable UUID id, @Valid @RequestBody ConfirmationDecision a,
			Authentication who) {
		return change(id, who, by -> afterAgreement.decideConfirmation(id, a.result(), a.on(), by));
	}

	@PostMapping("/api/v1/disputes/{id}/follow-ups")
	CaseFiles.DisputeView followUp(@PathVariable UUID id, @Valid @RequestBody Visit a, Authentication who) {
		return change(id, who, by -> afterAgreement.followUp(id, a.performed(), a.notes(), by));
	}

	@PostMapping("/api/v1/disputes/{id}/archive")
	CaseFiles.DisputeView archive(@PathVariable UUID id, Authentication who) {
		return change(id, who, by -> afterAgreement.archive(id, by));
	}

	// --- documents
	// ----------------------------------------------------------------------------------------------

	@GetMapping("/api/v1/disputes/{id}/agreement.pdf")
	@ApiResponse(responseCode = "200", description = "the written mediation agreement",
			content = @Content(mediaType = "application/pdf", schema = @Schema(type = "string", format = "binary")))
	ResponseEntity<byte[]> agreementPdf(@PathVariable UUID id, @RequestParam(defaultValue = "false") boolean full,
			Authentication who) {
		access.requireInScope(id);
		if (full) {
			// The agreement to sign carries the parties' numbers in full: only the case's
			// mediators and the area's
			// chiefs print it, and every print is audited.
			changes.authorise(id, access.actor(who), DisputeAction.PRINT, null);
			audit.change("dispute.agreement-printed", "dispute", id.toString(), "agreement with full personal data");
		}
		return file(caseFiles.agreementPdf(id, full), "调解协议书-" + changes.load(id).facts().trackingCode() + ".pdf",
				MediaType.APPLICATION_PDF);
	}

	@GetMapping("/api/v1/disputes/{id}/archive.pdf")
	@ApiResponse(responseCode = "200", description = "the case file (卷宗)",
			content = @Content(mediaType = "application/pdf", schema = @Schema(type = "string", format = "binary")))
	ResponseEntity<byte[]> archivePdf(@PathVariable UUID id) {
		access.requireInScope(id);
		return file(caseFiles.archivePdf(id), "卷宗-" + changes.load(id).facts().trackingCode() + ".pdf",
				MediaType.APPLICATION_PDF);
	}

	@GetMapping("/api/v1/disputes/{id}/archive.zip")
	@ApiResponse(responseCode = "200", description = "the case file and its documents",
			content = @Content(mediaType = "application/zip", schema = @Schema(type = "string", format = "binary")))
	ResponseEntity<byte[]> archiveZip(@PathVariable UUID id) {
		access.requireInScope(id);
		return file(caseFiles.archiveZip(id), "卷宗-" + changes.load(id).facts().trackingCode() + ".zip",
				MediaType.parseMediaType("application/zip"));
	}

	static ResponseEntity<byte[]> file(byte[] bytes, String name, MediaType type) {
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8).build().toString())
			.contentType(type)
			.body(bytes);
	}

	// --- figures
	// ------------------------------------------------------------------------------------------------

	@GetMapping("/api/v1/disputes/figures")
	DisputeFigures.Report figures(@RequestParam(required = false) String area,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
		YearMonth end = to == null ? YearMonth.now(clock) : month(to, "to");
		YearMonth start = from == null ? end.minusMonths(11) : month(from, "from");
		if (start.isAfter(end) || start.plusMonths(36).isBefore(end)) {
			throw DomainException.invalid("bad-period",
					"from must not be after to, and the period is at most 36 months");
		}
		String code = area == null || area.isBlank() ? "" : area.strip();
		if (!code.matches("\\d{0,12}")) {
			throw DomainException.invalid("bad-area", "area is a division code (digits)");
		}
		DataScope scope = scopes.current();
		if (!code.isEmpty() && !scope.covers(code)
				&& scope.areaPrefixes().stream().noneMatch(p -> p.startsWith(code))) {
			throw DomainException.notAllowed("out-of-scope", "The area " + code + " is outside your data scope");
		}
		return figures.report(code, start, end, scope);
	}

	private static YearMonth month(String value, String name) {
		try {
			return YearMonth.parse(value.strip());
		}
		catch (DateTimeParseException e) {
			throw DomainException.invalid("bad-month", name + " is a month as YYYY-MM");
		}
	}

	/** A named room to add to a mediation body. */
	@Schema(name = "NewMediationRoom")
	record NewRoom(@Schema(pattern = "[A-Za-z0-9-]{2,40}") String code, @Schema(maxLength = 60) String name,
			String bodyCode) {
	}

	/**
	 * The mediation rooms serving an area (a division or grid code) and the bodies above
	 * it, as far as they are the caller's: rooms in their data scope and rooms of the
	 * bodies above it (which serve their area too).
	 */
	@GetMapping("/api/v1/mediation/rooms")
	List<Disputes.Room> rooms(@RequestParam(defaultValue = "610824") String area) {
		DataScope scope = scopes.current();
		return disputes.roomsFor(area.strip()).stream().filter(room -> {
			String roomArea = room.areaCode();
			return scope.covers(roomArea) || scope.areaPrefixes().stream().anyMatch(p -> p.startsWith(roomArea));
		}).toList();
	}

	@PostMapping("/api/v1/mediation/rooms")
	@ResponseStatus(HttpStatus.CREATED)
	ResponseEntity<Disputes.Room> addRoom(@Valid @RequestBody NewRoom room) {
		Disputes.Room added = mediationRooms.addRoom(room.code(), room.name(), room.bodyCode(),
				scopes.current()::covers);
		return ResponseEntity.status(HttpStatus.CREATED).body(added);
	}

	@GetMapping("/api/v1/mediation/risk-rules")
	List<RiskRules.Rule> riskRules() {
		return caseFiles.riskRules();
	}

	// --- the resident's side (public)
	// ---------------------------------------------------------------------------

	/**
	 * A resident applies for mediation; the answer holds the tracking code to follow the
	 * case.
	 */
	@PostMapping("/api/v1/public/disputes")
	@ResponseStatus(HttpStatus.CREATED)
	ResponseEntity<CaseFiles.Tracking> apply(@Valid @RequestBody DisputeRegistration.Application a) {
		DisputeRegistration.Registered r = registration.apply(a);
		return ResponseEntity.created(URI.create("/api/v1/public/disputes/" + r.trackingCode()))
			.body(track(r.trackingCode()));
	}

	/**
	 * What the applicant sees with the tracking code: state, rung, body and the steps,
	 * without names.
	 */
	@GetMapping("/api/v1/public/disputes/{code}")
	CaseFiles.Tracking track(@PathVariable String code) {
		return caseFiles.tracking(code.strip().toUpperCase())
			.orElseThrow(() -> DomainException.notFound("no-such-code", "No dispute has this code"));
	}

	// --- helpers
	// ------------------------------------------------------------------------------------------------

	/** A cell a spreadsheet would read as a formula is written as text. */
	static String cell(Object value) {
		if (value == null) {
			return null;
		}
		String text = value.toString();
		return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
	}

	private CaseFiles.DisputeView view(UUID id) {
		return caseFiles.view(id);
	}

}
