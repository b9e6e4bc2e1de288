package org.fengqiao.dispatch;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.fengqiao.organisation.DataScopes;
import org.fengqiao.platform.DomainException;
import org.fengqiao.platform.Problems;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The whistle API: the public catalogue, intake and tracking for residents and systems;
 * the work list and transitions for staff, within their data scope.
 */
@RestController
class WhistleApi {

	/** A report as a resident's form or a system sends it. */
	record ReportRequest(@Schema(description = "A category code of the catalogue, e.g. UM-0102") String categoryCode,
			@Schema(description = "Longitude, WGS 84, in [-180, 180]") Double lon,
			@Schema(description = "Latitude, WGS 84, in [-90, 90]") Double lat,
			@Schema(description = "What is wrong, 1 to 2000 characters",
					maxLength = Dispatcher.MAX_DESCRIPTION) String description,
			@Schema(description = "The reporter's name, at most 50 characters", maxLength = 50) String reporterName,
			@Schema(description = "A mainland mobile number, stored sealed and shown masked") String reporterPhone,
			@Schema(description = "People affected, 0 to 100000") Integer peopleCount) {

		Dispatcher.ReportWhistle toReport(String idempotencyKey) {
			return new Dispatcher.ReportWhistle(categoryCode, lon, lat, description, reporterName, reporterPhone,
					peopleCount, idempotencyKey);
		}

	}

	/** The details of a transition; each action reads the ones it needs. */
	record TransitionRequest(@Schema(
			description = "Why: required to return, reopen, close, suspend, reject, supervise and redispatch") @Size(
					max = 2000) String reason,
			@Schema(description = "What was done: required to resolve") @Size(max = 2000) String notes,
			@Schema(description = "The resident's rating, 1 to 5: required to confirm") Integer rating,
			@Schema(description = "Supervision card", allowableValues = {
					"YELLOW", "RED" }) String card,
			@Schema(description = "Where a transfer goes",
					allowableValues = { "MEDIATION", "POLICE", "DEPARTMENT_12345", "OTHER_COUNTY" }) String target,
			@Schema(description = "The open whistle a duplicate is merged into") UUID into,
			@Schema(description = "The level to redispatch to, 1 (county) to 5 (micro-grid)") Integer level){

		static final TransitionRequest NONE = new TransitionRequest(null, null, null, null, null, null, null);

	}

	/** A category of the public catalogue. */
	record CategoryEntry(String code, String nameZh, String nameEn, int defaultGrade,
			@Schema(description = "The handling line: GRID, POLICE, JOINT or DEPARTMENT") String line) {
	}

	/** The colour of a grade: 1 red, 2 yellow, 3 blue. */
	enum GradeColour {

		RED, YELLOW, BLUE;

		static GradeColour of(int grade) {
			return switch (grade) {
				case 1 -> RED;
				case 2 -> YELLOW;
				default -> BLUE;
			};
		}

	}

	/** A whistle as anyone who may see it sees it: the resident too. */
	record Summary(UUID id, String trackingCode, Whistle.State state,
			@Schema(description = "The category code") String category,
			@Schema(description = "The category's Chinese name") String categoryName, int grade,
			GradeColour gradeColour,
			@Schema(description = "Why the grade differs from the category's default, if it does") String gradeReason,
			String line, double lon, double lat, String description,
			@Schema(description = "The level of the grid chain responding, 1 (county) to 5 (micro-grid)") int level,
			@Schema(description = "The grid code of the responding level") String levelGrid,
			@Schema(description = "The basic grid where it was reported") String grid, String policeGrid,
			Instant reportedAt, Instant respondDue, Instant handleDue, Instant feedbackDue,
			@Schema(description = "The lamp of the running clock; null when no clock runs") Lamp clock,
			Integer rating) {
	}

	/** What staff see besides. */
	record StaffDetails(String township, String village, String reporterName,
			@Schema(description = "The reporter's phone, masked") String reporterPhone, int escalations) {
	}

	/** A whistle in the work list. */
	record WorkItem(@JsonUnwrapped Summary whistle, @JsonUnwrapped StaffDetails staff) {
	}

	/** One page of the work list. */
	record WorkList(long total, int page, int size, List<WorkItem> items) {
	}

	/** A person summoned to a whistle. */
	record Responder(long personId, String role, int level, Instant summonedAt, Instant checkedInAt, String name) {
	}

	/** The open whistle this one may duplicate. */
	record DuplicateOf(UUID id, String trackingCode, Whistle.State state) {
	}

	/** A whistle as staff see it: with its history, responders and photos. */
	record WhistleDetail(@JsonUnwrapped Summary whistle, @JsonUnwrapped StaffDetails staff,
			List<Whistle.Transition> history, List<Responder> responders,
			@Schema(description = "How many photos it has") int photos,
			@JsonInclude(JsonInclude.Include.NON_NULL) DuplicateOf possibleDuplicateOf) {
	}

	/** The whistle a report created (or a retried key found). */
	record Reported(@JsonUnwrapped Summary whistle, @Schema(
			description = "How many photos were stored; only with a multipart report") @JsonInclude(JsonInclude.Include.NON_NULL) Integer photos) {
	}

	/** A step of the history as the resident sees it. */
	record TrackStep(Instant at, WhistleAction action, Whistle.State state,
			@Schema(description = "Who: system, resident, or a masked staff name") String by) {
	}

	/** What the resident sees with the tracking code. */
	record Tracked(@JsonUnwrapped Summary whistle, List<TrackStep> history, @Schema(
			description = "The tracking code of the whistle this one was merged into") @JsonInclude(JsonInclude.Include.NON_NULL) String followedBy) {
	}

	private final Dispatcher dispatcher;

	private final Whistles whistles;

	private final Catalogue catalogue;

	private final DataScopes scopes;

	private final WorkCalendar calendar;

	private final Clock clock;

	private final Photos photos;

	private final LiveUpdates live;

	private final org.fengqiao.organisation.Staffing staffing;

	WhistleApi(Dispatcher dispatcher, Whistles whistles, Catalogue catalogue, DataScopes scopes, WorkCalendar calendar,
			Clock clock, Photos photos, LiveUpdates live, org.fengqiao.organisation.Staffing staffing) {
		this.staffing = staffing;
		this.photos = photos;
		this.live = live;
		this.dispatcher = dispatcher;
		this.whistles = whistles;
		this.catalogue = catalogue;
		this.scopes = scopes;
		this.calendar = calendar;
		this.clock = clock;
	}

	@GetMapping("/api/v1/categories")
	List<CategoryEntry> categories() {
		return catalogue.categories()
			.stream()
			.map(c -> new CategoryEntry(c.code(), c.nameZh(), c.nameEn(), c.defaultGrade(), c.line()))
			.toList();
	}

	/**
	 * A report from a resident or a system: 201 with the whistle, or the same whistle
	 * again for a retried key.
	 */
	@PostMapping(path = "/api/v1/whistles", consumes = "application/json")
	ResponseEntity<Reported> report(@Valid @RequestBody ReportRequest body,
			@RequestHeader(name = "Idempotency-Key", required = false) String key) {
		if (body == null) {
			throw DomainException.invalid("no-body", "Send the report as JSON");
		}
		UUID id = dispatcher.report(body.toReport(key));
		return ResponseEntity.created(URI.create("/api/v1/whistles/" + id))
			.body(new Reported(summary(whistles.load(id).orElseThrow()), null));
	}

	/**
	 * The same report with up to three photos: a multipart request with a JSON part
	 * {@code report}.
	 */
	@PostMapping(path = "/api/v1/whistles", consumes = "multipart/form-data")
	ResponseEntity<Reported> reportWithPhotos(@Valid @RequestPart("report") ReportRequest body,
			@RequestPart(name = "photos", required = false) List<MultipartFile> files,
			@RequestHeader(name = "Idempotency-Key", required = false) String key) {
		List<Photos.Photo> checked = photos.check(uploads(files));
		UUID id = dispatcher.report(body.toReport(key), checked);
		return ResponseEntity.created(URI.create("/api/v1/whistles/" + id))
			.body(new Reported(summary(whistles.load(id).orElseThrow()), photos.count(id)));
	}

	@GetMapping("/api/v1/whistles/{id}")
	WhistleDetail whistle(@PathVariable UUID id) {
		Whistles.Loaded loaded = inScope(id);
		List<Whistles.Responder> summoned = whistles.responders(id);
		Map<Long, String> names = staffing.namesOf(summoned.stream().map(Whistles.Responder::personId).toList());
		List<Responder> responders = summoned.stream()
			.map(r -> new Responder(r.personId(), r.role(), r.level(), r.summonedAt(), r.checkedInAt(),
					names.get(r.personId())))
			.toList();
		DuplicateOf duplicate = whistles.possibleDuplicateOf(id)
			.flatMap(whistles::load)
			.map(d -> new DuplicateOf(d.whistle().id, d.report().trackingCode(), d.whistle().state()))
			.orElse(null);
		return new WhistleDetail(summary(loaded), staff(loaded), whistles.history(id), responders, photos.count(id),
				duplicate);
	}

	/** The work list: whistles in the caller's area, newest first, with filters. */
	@GetMapping("/api/v1/whistles")
	WorkList list(@RequestParam(required = false) String state, @RequestParam(required = false) String township,
			@RequestParam(required = false) Integer grade, @RequestParam(required = false) String category,
			@RequestParam(required = false) String line, @RequestParam(defaultValue = "false") boolean mine,
			@RequestParam(defaultValue = "false") boolean open, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size) {
		if (page < 0 || size < 1 || size > 200) {
			throw DomainException.invalid("bad-page", "page ≥ 0 and 1 ≤ size ≤ 200");
		}
		Whistles.Filter filter = new Whistles.Filter(scopes.current(), state, township, grade, category, line, open,
				mine ? scopes.currentPerson().orElse(-1L) : null);
		long total = whistles.count(filter);
		List<UUID> ids = whistles.find(filter, page, size);
		List<WorkItem> items = whistles.loadAll(ids)
			.stream()
			.map(loaded -> new WorkItem(summary(loaded), staff(loaded)))
			.toList();
		return new WorkList(total, page, size, items);
	}

	/**
	 * A transition by a member of staff. Who may do what is decided in the domain
	 * ({@link WhistlePermissions}, checked by {@link Dispatcher#act} under the row lock):
	 * here the request is only read and the answer mapped.
	 */
	@PostMapping("/api/v1/whistles/{id}/{action}")
	WhistleDetail act(@PathVariable UUID id, @PathVariable String action,
			@Valid @RequestBody(required = false) TransitionRequest body, Authentication who) {
		WhistleAction a = WhistleAction.of(action)
			.orElseThrow(() -> DomainException.notFound("unknown-action", "There is no whistle action " + action));
		run(id, a, actor(who), body == null ? TransitionRequest.NONE : body);
		return whistle(id);
	}

	/**
	 * The signed-in member of staff as the domain sees them: roles, person and data
	 * scope, taken now.
	 */
	Dispatcher.Actor actor(Authentication who) {
		java.util.Set<WhistlePermissions.Role> roles = java.util.EnumSet.noneOf(WhistlePermissions.Role.class);
		for (var authority : who.getAuthorities()) {
			String role = authority.getAuthority().replaceFirst("^ROLE_", "");
			for (WhistlePermissions.Role r : WhistlePermissions.Role.values()) {
				if (r.name().equals(role) && r != WhistlePermissions.Role.RESIDENT
						&& r != WhistlePermissions.Role.SYSTEM) {
					roles.add(r);
				}
			}
		}
		return Dispatcher.Actor.staff(who.getName(), roles, scopes.currentPerson().orElse(null), scopes.of(who));
	}

	/**
	 * Photos of the work done (up to three), added by a responder, usually with the
	 * resolution.
	 */
	@PostMapping(path = "/api/v1/whistles/{id}/photos", consumes = "multipart/form-data")
	WhistleDetail addPhotos(@PathVariable UUID id, @RequestPart("photos") List<MultipartFile> files,
			Authentication who) {
		inScope(id);
		List<Photos.Photo> checked = photos.check(uploads(files));
		if (checked.isEmpty()) {
			throw DomainException.rejected("no-photos", "Attach at least one photo");
		}
		dispatcher.addPhotos(id, actor(who), checked);
		return whistle(id);
	}

	/**
	 * Server-sent events: one "whistle" event per change, from any node; the client
	 * reloads that whistle.
	 */
	@ApiResponse(responseCode = "200", description = "One event \"whistle\" per change, its data this JSON",
			content = @Content(mediaType = "text/event-stream",
					schema = @Schema(implementation = LiveUpdates.Change.class)))
	@GetMapping(path = "/api/v1/whistles/stream", produces = "text/event-stream")
	SseEmitter stream() {
		// The scope is taken now: the stream carries only changes of whistles this
		// account may read.
		return stream(scopes.current());
	}

	/**
	 * What a resident sees with the tracking code: status, grade and history, staff names
	 * masked.
	 */
	@GetMapping("/api/v1/whistles/track/{code}")
	Tracked track(@PathVariable String code) {
		UUID id = tracked(code);
		Whistles.Loaded loaded = whistles.load(id).orElseThrow();
		List<TrackStep> history = whistles.history(id)
			.stream()
			.map(t -> new TrackStep(t.at(), t.action(), t.to(), maskActor(t.actor())))
			.toList();
		String followedBy = loaded.whistle().mergedInto() == null ? null
				: whistles.load(loaded.whistle().mergedInto()).map(s -> s.report().trackingCode()).orElse(null);
		return new Tracked(summary(loaded), history, followedBy);
	}

	/**
	 * The resident's own actions, by tracking code: confirm (with a rating) or reopen.
	 * Nobody else may do these.
	 */
	@PostMapping("/api/v1/whistles/track/{code}/{action:confirm|reopen}")
	Tracked residentAction(@PathVariable String code, @PathVariable String action,
			@Valid @RequestBody(required = false) TransitionRequest body) {
		UUID id = tracked(code);
		run(id, WhistleAction.of(action).orElseThrow(), Dispatcher.Actor.resident(code),
				body == null ? TransitionRequest.NONE : body);
		return track(code);
	}

	/**
	 * A photo that is no JPEG or PNG image: the one refusal whose status
	 * ({@code 415 Unsupported Media Type}) is the web's alone.
	 */
	@ExceptionHandler(Photos.Unsupported.class)
	ErrorResponseException unsupported(Photos.Unsupported e) {
		return Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, e.type(), "Unsupported photo", e.getMessage());
	}

	private void run(UUID id, WhistleAction action, Dispatcher.Actor actor, TransitionRequest t) {
		TransferTarget target = action == WhistleAction.TRANSFER ? transferTarget(t.target()) : null;
		try {
			dispatcher.act(id, action, actor,
					new Dispatcher.Action(t.reason(), t.notes(), t.rating(), t.card(), target, t.into(), t.level()));
		}
		catch (PessimisticLockingFailureException e) {
			throw new Whistles.ConcurrentChange("Try again");
		}
	}

	/**
	 * One of the closed list of targets; anything else is a bad request and changes
	 * nothing.
	 */
	private static TransferTarget transferTarget(String target) {
		if (target != null) {
			for (TransferTarget t : TransferTarget.values()) {
				if (t.name().equals(target.strip())) {
					return t;
				}
			}
		}
		throw DomainException.invalid("bad-transfer-target",
				"target must be one of " + java.util.Arrays.toString(TransferTarget.values()));
	}

	private UUID tracked(String code) {
		if (code == null || !code.matches("[A-Z0-9]{12}")) {
			throw notFound();
		}
		return whistles.byTrackingCode(code).orElseThrow(WhistleApi::notFound);
	}

	private static DomainException notFound() {
		return DomainException.notFound("tracking-code-not-found", "No report has this tracking code");
	}

	/**
	 * The whistle if the signed-in account may read it (in its data scope, or summoned to
	 * it); 404 otherwise.
	 */
	private Whistles.Loaded inScope(UUID id) {
		return whistles.readableBy(id, scopes.current(), scopes.currentPerson().orElse(null))
			.orElseThrow(() -> DomainException.notFound("whistle-not-found", "No whistle " + id + " in your area"));
	}

	private Summary summary(Whistles.Loaded loaded) {
		Whistle w = loaded.whistle();
		Whistles.Report r = loaded.report();
		Category category = catalogue.category(r.categoryCode()).orElse(null);
		return new Summary(w.id, r.trackingCode(), w.state(), r.categoryCode(),
				category == null ? null : category.nameZh(), r.grade(), GradeColour.of(r.grade()), r.gradeReason(),
				r.line(), r.lon(), r.lat(), r.description(), w.level(), w.levelGridCode(), r.gridCode(),
				r.policeGridCode(), r.reportedAt(), w.respondDue(), w.handleDue(), w.feedbackDue(),
				clockLamp(w, clock.instant(), category), w.rating());
	}

	private static StaffDetails staff(Whistles.Loaded loaded) {
		Whistles.Report r = loaded.report();
		return new StaffDetails(r.townshipCode(), r.villageCode(), r.reporterName(), r.reporterPhoneMasked(),
				loaded.whistle().escalations());
	}

	/** The lamp of the running clock: on time, due soon (80% elapsed) or overdue. */
	private Lamp clockLamp(Whistle w, Instant now, Category category) {
		if (category == null) {
			return null;
		}
		return switch (w.state()) {
			case DISPATCHED ->
				Deadline
					.of(calendar, w.respondDue().minusSeconds(60L * category.respondMinutes()),
							category.respondMinutes(), CalendarKind.NATURAL_MINUTES)
					.lampAt(calendar, now);
			case ACCEPTED,
					ON_SCENE ->
				w.acceptedAt() == null || w.handleDue() == null ? null
						: new Deadline(w.acceptedAt(), w.handleDue(), category.handleCalendar(),
								calendar.counted(w.acceptedAt(), w.handleDue(), category.handleCalendar()))
							.lampAt(calendar, now);
			default -> null;
		};
	}

	private static String maskActor(String actor) {
		if (actor == null || actor.equals("system") || actor.equals("resident")) {
			return actor;
		}
		return actor.charAt(0) + "**";
	}

	/** The uploaded files as {@link Photos} reads them, without the web's types. */
	private static List<Photos.Upload> uploads(List<MultipartFile> files) {
		if (files == null) {
			return List.of();
		}
		return files.stream().filter(f -> f != null).map(f -> (Photos.Upload) new Photos.Upload() {

			@Override
			public long size() {
				return f.getSize();
			}

			@Override
			public byte[] bytes() throws IOException {
				return f.getBytes();
			}

		}).toList();
	}

	/**
	 * A server-sent event stream of the changes of whistles in the subscriber's data
	 * scope, for a browser.
	 */
	private SseEmitter stream(org.fengqiao.organisation.DataScope scope) {
		SseEmitter emitter = new SseEmitter(30L * 60 * 1000);
		Runnable[] unsubscribe = new Runnable[1];
		unsubscribe[0] = live.subscribe(scope, change -> {
			try {
				if (change == null) {
					emitter.send(SseEmitter.event().comment("heartbeat"));
					return;
				}
				emitter.send(SseEmitter.event().name("whistle").data(change, MediaType.APPLICATION_JSON));
			}
			catch (IOException | IllegalStateException e) {
				unsubscribe[0].run();
			}
		});
		try {
			// Sent at once, so the browser knows the stream is open before the first
			// change.
			emitter.send(SseEmitter.event().name("ready").data("{}"));
		}
		catch (IOException e) {
			unsubscribe[0].run();
		}
		emitter.onCompletion(unsubscribe[0]);
		emitter.onTimeout(unsubscribe[0]);
		emitter.onError(e -> unsubscribe[0].run());
		return emitter;
	}

}
