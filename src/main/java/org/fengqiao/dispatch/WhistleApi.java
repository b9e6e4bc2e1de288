package org.fengqiao.dispatch;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.fengqiao.organisation.DataScope;
import org.fengqiao.organisation.DataScopes;
import org.fengqiao.platform.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The whistle API: the public catalogue, intake and tracking for residents and systems;
 * the work list and transitions for staff, within their data scope.
 */
@RestController
class WhistleApi {

	record TransitionRequest(String reason, String notes, Integer rating, String card, String target, UUID into,
			Integer level) {
	}

	private final Dispatcher dispatcher;

	private final Whistles whistles;

	private final Catalogue catalogue;

	private final DataScopes scopes;

	private final JdbcClient jdbc;

	private final WorkCalendar calendar;

	private final Clock clock;

	private final Photos photos;

	private final LiveUpdates live;

	private final org.fengqiao.organisation.Staffing staffing;

	WhistleApi(Dispatcher dispatcher, Whistles whistles, Catalogue catalogue, DataScopes scopes, JdbcClient jdbc,
			WorkCalendar calendar, Clock clock, Photos photos, LiveUpdates live,
			org.fengqiao.organisation.Staffing staffing) {
		this.staffing = staffing;
		this.photos = photos;
		this.live = live;
		this.dispatcher = dispatcher;
		this.whistles = whistles;
		this.catalogue = catalogue;
		this.scopes = scopes;
		this.jdbc = jdbc;
		this.calendar = calendar;
		this.clock = clock;
	}

	@GetMapping("/api/v1/categories")
	List<Map<String, Object>> categories() {
		return catalogue.categories().stream().map(c -> {
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("code", c.code());
			m.put("nameZh", c.nameZh());
			m.put("nameEn", c.nameEn());
			m.put("defaultGrade", c.defaultGrade());
			m.put("line", c.line());
			return m;
		}).toList();
	}

	/**
	 * A report from a resident or a system: 201 with the whistle, or the same whistle
	 * again for a retried key.
	 */
	@PostMapping(path = "/api/v1/whistles", consumes = "application/json")
	ResponseEntity<Map<String, Object>> report(@RequestBody Dispatcher.ReportWhistle body,
			@RequestHeader(name = "Idempotency-Key", required = false) String key) {
		if (body == null) {
			throw Problems.of(HttpStatus.BAD_REQUEST, "no-body", "No report", "Send the report as JSON");
		}
		UUID id;
		try {
			id = dispatcher.report(new Dispatcher.ReportWhistle(body.categoryCode(), body.lon(), body.lat(),
					body.description(), body.reporterName(), body.reporterPhone(), body.peopleCount(), key));
		}
		catch (Dispatcher.Refused e) {
			throw problem(e);
		}
		return ResponseEntity.created(URI.create("/api/v1/whistles/" + id))
			.body(view(whistles.load(id).orElseThrow(), false));
	}

	/**
	 * The same report with up to three photos: a multipart request with a JSON part
	 * {@code report}.
	 */
	@PostMapping(path = "/api/v1/whistles", consumes = "multipart/form-data")
	ResponseEntity<Map<String, Object>> reportWithPhotos(
			@org.springframework.web.bind.annotation.RequestPart("report") Dispatcher.ReportWhistle body,
			@org.springframework.web.bind.annotation.RequestPart(name = "photos",
					required = false) List<org.springframework.web.multipart.MultipartFile> files,
			@RequestHeader(name = "Idempotency-Key", required = false) String key) {
		UUID id;
		try {
			List<Photos.Photo> checked = photos.check(files);
			id = dispatcher.report(new Dispatcher.ReportWhistle(body.categoryCode(), body.lon(), body.lat(),
					body.description(), body.reporterName(), body.reporterPhone(), body.peopleCount(), key), checked);
		}
		catch (Dispatcher.Refused e) {
			throw problem(e);
		}
		Map<String, Object> view = view(whistles.load(id).orElseThrow(), false);
		view.put("photos", photos.count(id));
		return ResponseEntity.created(URI.create("/api/v1/whistles/" + id)).body(view);
	}

	@GetMapping("/api/v1/whistles/{id}")
	Map<String, Object> whistle(@PathVariable UUID id) {
		Whistles.Loaded loaded = inScope(id);
		Map<String, Object> body = view(loaded, true);
		body.put("history", whistles.history(id));
		List<Map<String, Object>> responders = whistles.responders(id);
		Map<Long, String> names = staffing.namesOf(responders.stream().map(r -> (Long) r.get("personId")).toList());
		responders.forEach(r -> r.put("name", names.get((Long) r.get("personId"))));
		body.put("responders", responders);
		body.put("photos", photos.count(id));
		whistles.possibleDuplicateOf(id)
			.flatMap(whistles::load)
			.ifPresent(d -> body.put("possibleDuplicateOf", Map.of("id", d.whistle().id, "trackingCode",
					d.report().trackingCode(), "state", d.whistle().state())));
		return body;
	}

	/** The work list: whistles in the caller's area, newest first, with filters. */
	@GetMapping("/api/v1/whistles")
	Map<String, Object> list(@RequestParam(required = false) String state,
			@RequestParam(required = false) String township, @RequestParam(required = false) Integer grade,
			@RequestParam(required = false) String category, @RequestParam(required = false) String line,
			@RequestParam(defaultValue = "false") boolean mine, @RequestParam(defaultValue = "false") boolean open,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		if (page < 0 || size < 1 || size > 200) {
			throw Problems.of(HttpStatus.BAD_REQUEST, "bad-page", "Bad page", "page ≥ 0 and 1 ≤ size ≤ 200");
		}
		DataScope scope = scopes.current();
		StringBuilder where = new StringBuilder(" where true");
		Map<String, Object> params = new LinkedHashMap<>();
		if (!scope.all()) {
			where.append(" and (w.grid_code like any(:areas) or w.police_grid_code = any(:policeGrids))");
			params.put("areas", scope.areaPrefixes().stream().map(p -> p + "%").toArray(String[]::new));
			params.put("policeGrids", scope.policeGrids().toArray(String[]::new));
		}
		filter(where, params, "state", "w.state = :state", state);
		filter(where, params, "township", "w.township_code = :township", township);
		filter(where, params, "grade", "w.grade = :grade", grade);
		filter(where, params, "category", "w.category_code = :category", category);
		filter(where, params, "line", "w.line = :line", line);
		if (open) {
			where.append(
					" and w.state in ('SUBMITTED', 'DISPATCHED', 'ACCEPTED', 'ON_SCENE', 'SUSPENDED', 'RETURNED', 'RESOLVED')");
		}
		if (mine) {
			where.append(
					" and exists (select 1 from whistle_responder r where r.whistle_id = w.id and r.person_id = :me)");
			params.put("me", scopes.currentPerson().orElse(-1L));
		}
		long total = jdbc.sql("select count(*) from whistle w" + where).params(params).query(Long.class).single();
		List<UUID> ids = jdbc
			.sql("select w.id from whistle w" + where + " order by w.reported_at desc offset :o limit :l")
			.params(params)
			.param("o", page * size)
			.param("l", size)
			.query(UUID.class)
			.list();
		List<Map<String, Object>> items = new ArrayList<>();
		whistles.loadAll(ids).forEach(loaded -> items.add(view(loaded, true)));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("total", total);
		body.put("page", page);
		body.put("size", size);
		body.put("items", items);
		return body;
	}

	/**
	 * A transition by a member of staff. Who may do what is decided in the domain
	 * ({@link WhistlePermissions}, checked by {@link Dispatcher#act} under the row lock):
	 * here the request is only read and the answer mapped.
	 */
	@PostMapping("/api/v1/whistles/{id}/{action}")
	Map<String, Object> act(@PathVariable UUID id, @PathVariable String action,
			@RequestBody(required = false) TransitionRequest body, Authentication who) {
		WhistleAction a = WhistleAction.of(action)
			.orElseThrow(() -> Problems.of(HttpStatus.NOT_FOUND, "unknown-action", "No such action",
					"There is no whistle action " + action));
		TransitionRequest t = body == null ? new TransitionRequest(null, null, null, null, null, null, null) : body;
		run(id, a, actor(who), t);
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
	Map<String, Object> addPhotos(@PathVariable UUID id,
			@org.springframework.web.bind.annotation.RequestPart("photos") List<org.springframework.web.multipart.MultipartFile> files,
			Authentication who) {
		inScope(id);
		try {
			List<Photos.Photo> checked = photos.check(files);
			if (checked.isEmpty()) {
				throw new Dispatcher.Refused(422, "no-photos", "Attach at least one photo");
			}
			dispatcher.addPhotos(id, actor(who), checked);
		}
		catch (WhistlePermissions.Denied e) {
			throw Problems.of(HttpStatus.FORBIDDEN, "not-allowed", "Not allowed", e.getMessage());
		}
		catch (Dispatcher.Refused e) {
			throw problem(e);
		}
		return whistle(id);
	}

	/**
	 * Server-sent events: one "whistle" event per change, from any node; the client
	 * reloads that whistle.
	 */
	@GetMapping(path = "/api/v1/whistles/stream", produces = "text/event-stream")
	org.springframework.web.servlet.mvc.method.annotation.SseEmitter stream() {
		// The scope is taken now: the stream carries only changes of whistles this
		// account may read.
		return live.stream(scopes.current());
	}

	/**
	 * What a resident sees with the tracking code: status, grade and history, staff names
	 * masked.
	 */
	@GetMapping("/api/v1/whistles/track/{code}")
	Map<String, Object> track(@PathVariable String code) {
		UUID id = tracked(code);
		Whistles.Loaded loaded = whistles.load(id).orElseThrow();
		Map<String, Object> body = view(loaded, false);
		List<Map<String, Object>> history = new ArrayList<>();
		for (Whistle.Transition t : whistles.history(id)) {
			Map<String, Object> step = new LinkedHashMap<>();
			step.put("at", t.at());
			step.put("action", t.action());
			step.put("state", t.to());
			step.put("by", maskActor(t.actor()));
			history.add(step);
		}
		body.put("history", history);
		if (loaded.whistle().mergedInto() != null) {
			whistles.load(loaded.whistle().mergedInto())
				.ifPresent(s -> body.put("followedBy", s.report().trackingCode()));
		}
		return body;
	}

	/**
	 * The resident's own actions, by tracking code: confirm (with a rating) or reopen.
	 * Nobody else may do these.
	 */
	@PostMapping("/api/v1/whistles/track/{code}/{action:confirm|reopen}")
	Map<String, Object> residentAction(@PathVariable String code, @PathVariable String action,
			@RequestBody(required = false) TransitionRequest body) {
		UUID id = tracked(code);
		TransitionRequest t = body == null ? new TransitionRequest(null, null, null, null, null, null, null) : body;
		run(id, WhistleAction.of(action).orElseThrow(), Dispatcher.Actor.resident(code), t);
		return track(code);
	}

	private void run(UUID id, WhistleAction action, Dispatcher.Actor actor, TransitionRequest t) {
		TransferTarget target = null;
		if (action == WhistleAction.TRANSFER) {
			target = transferTarget(t.target());
		}
		try {
			dispatcher.act(id, action, actor,
					new Dispatcher.Action(t.reason(), t.notes(), t.rating(), t.card(), target, t.into(), t.level()));
		}
		catch (WhistlePermissions.Denied e) {
			if (e.hidden) {
				throw Problems.of(HttpStatus.NOT_FOUND, "whistle-not-found", "Whistle not found",
						"No whistle " + id + " in your area");
			}
			throw Problems.of(HttpStatus.FORBIDDEN, "not-allowed", "Not allowed", e.getMessage());
		}
		catch (Whistle.IllegalTransition e) {
			throw Problems.of(HttpStatus.CONFLICT, "illegal-transition", "Illegal transition", e.getMessage(),
					Map.of("state", e.current.name()));
		}
		catch (Whistles.ConcurrentChange e) {
			throw Problems.of(HttpStatus.CONFLICT, "concurrent-change", "Changed meanwhile", e.getMessage());
		}
		catch (org.springframework.dao.PessimisticLockingFailureException e) {
			throw Problems.of(HttpStatus.CONFLICT, "concurrent-change", "Changed meanwhile", "Try again");
		}
		catch (IllegalArgumentException e) {
			throw Problems.of(HttpStatus.BAD_REQUEST, "bad-transition", "Bad request", e.getMessage());
		}
		catch (Dispatcher.Refused e) {
			throw problem(e);
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
		throw Problems.of(HttpStatus.BAD_REQUEST, "bad-transfer-target", "Unknown transfer target",
				"target must be one of " + java.util.Arrays.toString(TransferTarget.values()));
	}

	private UUID tracked(String code) {
		if (code == null || !code.matches("[A-Z0-9]{12}")) {
			throw notFound();
		}
		return whistles.byTrackingCode(code).orElseThrow(WhistleApi::notFound);
	}

	private static ErrorResponseException notFound() {
		return Problems.of(HttpStatus.NOT_FOUND, "tracking-code-not-found", "Not found",
				"No report has this tracking code");
	}

	/**
	 * The whistle if the signed-in account may read it (in its data scope, or summoned to
	 * it); 404 otherwise.
	 */
	private Whistles.Loaded inScope(UUID id) {
		return whistles.readableBy(id, scopes.current(), scopes.currentPerson().orElse(null))
			.orElseThrow(() -> Problems.of(HttpStatus.NOT_FOUND, "whistle-not-found", "Whistle not found",
					"No whistle " + id + " in your area"));
	}

	private Map<String, Object> view(Whistles.Loaded loaded, boolean staff) {
		Whistle w = loaded.whistle();
		Whistles.Report r = loaded.report();
		Instant now = clock.instant();
		Category category = catalogue.category(r.categoryCode()).orElse(null);
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("id", w.id);
		m.put("trackingCode", r.trackingCode());
		m.put("state", w.state());
		m.put("category", r.categoryCode());
		m.put("categoryName", category == null ? null : category.nameZh());
		m.put("grade", r.grade());
		m.put("gradeColour", switch (r.grade()) {
			case 1 -> "RED";
			case 2 -> "YELLOW";
			default -> "BLUE";
		});
		m.put("gradeReason", r.gradeReason());
		m.put("line", r.line());
		m.put("lon", r.lon());
		m.put("lat", r.lat());
		m.put("description", r.description());
		m.put("level", w.level());
		m.put("levelGrid", w.levelGridCode());
		m.put("grid", r.gridCode());
		m.put("policeGrid", r.policeGridCode());
		m.put("reportedAt", r.reportedAt());
		m.put("respondDue", w.respondDue());
		m.put("handleDue", w.handleDue());
		m.put("feedbackDue", w.feedbackDue());
		m.put("clock", clockLamp(w, now, category));
		m.put("rating", w.rating());
		if (staff) {
			m.put("township", r.townshipCode());
			m.put("village", r.villageCode());
			m.put("reporterName", r.reporterName());
			m.put("reporterPhone", r.reporterPhoneMasked());
			m.put("escalations", w.escalations());
		}
		return m;
	}

	/** The lamp of the running clock: on time, due soon (80% elapsed) or overdue. */
	private String clockLamp(Whistle w, Instant now, Category category) {
		if (category == null) {
			return null;
		}
		return switch (w.state()) {
			case DISPATCHED ->
				Deadline
					.of(calendar, w.respondDue().minusSeconds(60L * category.respondMinutes()),
							category.respondMinutes(), CalendarKind.NATURAL_MINUTES)
					.lampAt(calendar, now)
					.name();
			case ACCEPTED,
					ON_SCENE ->
				w.acceptedAt() == null || w.handleDue() == null ? null
						: new Deadline(w.acceptedAt(), w.handleDue(), category.handleCalendar(),
								calendar.counted(w.acceptedAt(), w.handleDue(), category.handleCalendar()))
							.lampAt(calendar, now)
							.name();
			default -> null;
		};
	}

	private static String maskActor(String actor) {
		if (actor == null || actor.equals("system") || actor.equals("resident")) {
			return actor;
		}
		return actor.charAt(0) + "**";
	}

	private static void filter(StringBuilder where, Map<String, Object> params, String name, String clause,
			Object value) {
		if (value != null && !(value instanceof String s && s.isBlank())) {
			where.append(" and ").append(clause);
			params.put(name, value);
		}
	}

	private static ErrorResponseException problem(Dispatcher.Refused e) {
		return Problems.of(HttpStatus.valueOf(e.status), e.type,
				e.status == 422 && e.type.equals("not-covered") ? "Not covered" : "Report refused", e.getMessage());
	}

}
