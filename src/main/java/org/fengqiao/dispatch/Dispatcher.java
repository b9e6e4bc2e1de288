package org.fengqiao.dispatch;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.fengqiao.geo.GridLocator;
import org.fengqiao.geo.Location;
import org.fengqiao.organisation.DataScope;
import org.fengqiao.organisation.Staffing;
import org.fengqiao.platform.DomainException;
import org.fengqiao.platform.FieldCipher;
import org.fengqiao.platform.PersonalData;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Takes reports in and moves whistles through their life: grades a report, finds its grid
 * chain, picks the responder tier and the people, starts the clocks, and applies every
 * later transition.
 *
 * <p>
 * Tiers (configurable per county, {@code fengqiao.dispatch.tier-levels}): grade 1 → level
 * 1 (county chiefs), grade 2 → level 3 (village/community, escalating to 2), grade 3 →
 * level 5 (micro-grid, or 4 where there is none). People: the chief of the grid at that
 * level; for grid and joint lines the least-loaded grid worker of the basic grid (only
 * for categories admitted to grid workers); for police and joint lines the least-loaded
 * officer of the police grid, preferring those on duty; for department lines the
 * village's specialist of that department.
 */
@Service
class Dispatcher {

	/** A report as it arrives, from a resident or a system. */
	record ReportWhistle(String categoryCode, Double lon, Double lat, String description, String reporterName,
			String reporterPhone, Integer peopleCount, String idempotencyKey) {
	}

	static final int MAX_DESCRIPTION = 2000;

	private static final char[] CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();

	private final Catalogue catalogue;

	private final Grading grading;

	private final Whistles whistles;

	private final GridLocator locator;

	private final Staffing staffing;

	private final FieldCipher cipher;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final WorkCalendar calendar;

	private final int[] tierLevels;

	private final Photos photos;

	private final double duplicateRadiusMetres;

	private final java.time.Duration duplicateWindow;

	private final java.time.Duration confirmationWindow;

	private final SecureRandom random = new SecureRandom();

	Dispatcher(Catalogue catalogue, Grading grading, Whistles whistles, GridLocator locator, Staffing staffing,
			FieldCipher cipher, ApplicationEventPublisher events, Clock clock, WorkCalendar calendar,
			@Value("${fengqiao.dispatch.tier-levels:1,3,5}") int[] tierLevels, Photos photos,
			@Value("${fengqiao.dispatch.duplicate.radius-m:100}") double duplicateRadiusMetres,
			@Value("${fengqiao.dispatch.duplicate.window:24h}") java.time.Duration duplicateWindow,
			@Value("${fengqiao.dispatch.confirmation-window:72h}") java.time.Duration confirmationWindow) {
		this.confirmationWindow = confirmationWindow;
		this.photos = photos;
		this.duplicateRadiusMetres = duplicateRadiusMetres;
		this.duplicateWindow = duplicateWindow;
		this.catalogue = catalogue;
		this.grading = grading;
		this.whistles = whistles;
		this.locator = locator;
		this.staffing = staffing;
		this.cipher = cipher;
		this.events = events;
		this.clock = clock;
		this.calendar = calendar;
		this.tierLevels = tierLevels;
	}

	/**
	 * Stores, grades, routes and dispatches a report in one transaction. A retry with the
	 * same idempotency key returns the whistle the first call created and creates
	 * nothing.
	 */
	@Transactional
	UUID report(ReportWhistle r) {
		return report(r, List.of());
	}

	/**
	 * As {@link #report(ReportWhistle)}, with photos already checked by
	 * {@link Photos#check}.
	 */
	@Transactional
	UUID report(ReportWhistle r, List<Photos.Photo> photos) {
		if (r.idempotencyKey() != null) {
			if (r.idempotencyKey().length() > 100) {
				throw DomainException.invalid("bad-idempotency-key", "An Idempotency-Key has at most 100 characters");
			}
			Optional<UUID> earlier = whistles.byIdempotencyKey(r.idempotencyKey());
			if (earlier.isPresent()) {
				return earlier.get();
			}
		}
		Category category = r.categoryCode() == null ? null : catalogue.category(r.categoryCode()).orElse(null);
		if (category == null) {
			throw DomainException.rejected("unknown-category", "Unknown category " + r.categoryCode());
		}
		if (!org.fengqiao.geo.Coordinates.valid(r.lon(), r.lat())) {
			throw DomainException.rejected("bad-coordinates", "lon must be in [-180, 180] and lat in [-90, 90]");
		}
		String description = r.description() == null ? "" : r.description().strip();
		if (description.isEmpty() || description.length() > MAX_DESCRIPTION) {
			throw DomainException.rejected("bad-description",
					"A description of 1 to " + MAX_DESCRIPTION + " characters is required");
		}
		if (r.reporterName() != null && r.reporterName().strip().length() > 50) {
			throw DomainException.rejected("bad-name", "A name has at most 50 characters");
		}
		if (r.reporterPhone() != null && !r.reporterPhone().isBlank()
				&& !PersonalData.isValidMobile(r.reporterPhone())) {
			throw DomainException.rejected("bad-phone", "Not a mobile number");
		}
		if (r.peopleCount() != null && (r.peopleCount() < 0 || r.peopleCount() > 100_000)) {
			throw DomainException.rejected("bad-people-count", "peopleCount must be 0 to 100000");
		}
		Location where = locator.locate(r.lon(), r.lat())
			.orElseThrow(
					() -> DomainException.rejected("not-covered", "Not covered: the point lies outside the county"));
		Instant now = clock.instant();
		Grading.Result grade = grading.grade(category, description, r.peopleCount(), r.lon(), r.lat(), now);
		List<String> chain = chain(where);
		int level = tierLevel(grade.grade(), chain);

		UUID id = UUID.randomUUID();
		String phone = r.reporterPhone() == null || r.reporterPhone().isBlank() ? null
				: PersonalData.normalisePhone(r.reporterPhone());
		FieldCipher.Sealed sealed = phone == null ? null : cipher.seal(phone);
		Whistles.Report report = report(id, trackingCode(), r.idempotencyKey(), category, grade, r.lon(), r.lat(),
				description, r.reporterName(), sealed, phone, where, now);
		Whistle whistle = dispatched(id, category, grade, level, chain, now);
		if (!whistles.insert(report, whistle)) {
			// A concurrent request with the same key stored its whistle first: answer
			// with that one, store nothing.
			return whistles.byIdempotencyKey(r.idempotencyKey()).orElseThrow();
		}
		duplicateOf(category.code(), r.lon(), r.lat(), now, id)
			.ifPresent(original -> whistles.proposeDuplicate(id, original));
		this.photos.store(id, photos, "REPORT", now);
		summon(id, category, report, level, chain, now);
		events.publishEvent(new WhistleDispatched(id, category.code(), grade.grade(), level, chain.get(level - 1),
				report.policeGridCode(), now));
		events.publishEvent(new WhistleChanged(id, "report", report.gridCode(), report.policeGridCode()));
		return id;
	}

	/**
	 * What a whistle was reported with, once graded and located: shared by live reports
	 * and the bulk history import.
	 */
	static Whistles.Report report(UUID id, String trackingCode, String idempotencyKey, Category category,
			Grading.Result grade, double lon, double lat, String description, String reporterName,
			FieldCipher.Sealed sealedPhone, String phone, Location where, Instant reportedAt) {
		return new Whistles.Report(id, trackingCode, idempotencyKey, category.code(), grade.grade(),
				grade.reasons().isEmpty() ? null : String.join("; ", grade.reasons()), category.line(), lon, lat,
				description, reporterName == null ? null : reporterName.strip(),
				sealedPhone == null ? null : sealedPhone.keyId(), sealedPhone == null ? null : sealedPhone.value(),
				phone == null ? null : PersonalData.maskPhone(phone), code(where.township()), code(where.village()),
				where.grid() == null ? null : where.grid().code(),
				where.microGrid() == null ? null : where.microGrid().code(), code(where.policeGrid()), reportedAt);
	}

	/**
	 * A new whistle dispatched to the level of its grade with the category's response
	 * clock.
	 */
	Whistle dispatched(UUID id, Category category, Grading.Result grade, int level, List<String> chain, Instant now) {
		Whistle whistle = new Whistle(id, Whistle.State.SUBMITTED, level, chain.get(level - 1));
		whistle.dispatch("system", now, level, chain.get(level - 1),
				calendar.due(now, category.respondMinutes(), CalendarKind.NATURAL_MINUTES), "grade " + grade.grade());
		return whistle;
	}

	/**
	 * Who acts on a whistle: the name recorded in its history, the roles they act in,
	 * their person (if any) and their data scope, both taken when the request arrived; a
	 * resident acts with the tracking code they hold.
	 */
	record Actor(String name, Set<WhistlePermissions.Role> roles, Long person, DataScope scope, String trackingCode) {

		Actor {
			roles = roles.isEmpty() ? Set.of() : java.util.Collections.unmodifiableSet(EnumSet.copyOf(roles));
			scope = scope == null ? DataScope.NOTHING : scope;
		}

		static Actor staff(String name, Set<WhistlePermissions.Role> roles, Long person, DataScope scope) {
			return new Actor(name, roles, person, scope, null);
		}

		/** The resident who reported the whistle, known only by its tracking code. */
		static Actor resident(String trackingCode) {
			return new Actor("resident", EnumSet.of(WhistlePermissions.Role.RESIDENT), null, DataScope.NOTHING,
					trackingCode);
		}
	}

	/**
	 * Applies a transition to a whistle under its row lock: works out how the actor
	 * stands to the whistle, checks the permission table ({@link WhistlePermissions}),
	 * then the state machine, then stores the change.
	 */
	@Transactional
	Whistle act(UUID id, WhistleAction action, Actor actor, Action details) {
		Whistles.Loaded loaded = whistles.loadForUpdate(id)
			.orElseThrow(() -> DomainException.notFound("whistle-not-found", "No whistle " + id));
		Whistle w = loaded.whistle();
		Set<WhistlePermissions.Relation> relations = relations(actor, loaded);
		WhistlePermissions.requireVisible(actor.roles(), relations);
		Whistles.Loaded survivor = null;
		if (action == WhistleAction.MERGE) {
			if (details.into() == null) {
				throw DomainException.rejected("bad-merge", "into must name an open whistle in your area");
			}
			// Locked too, so the survivor cannot close while this one is merged into it.
			survivor = details.into().equals(id) ? loaded : whistles.loadForUpdate(details.into()).orElse(null);
			if (survivor == null) {
				throw DomainException.rejected("bad-merge", "into must name an open whistle in your area");
			}
			if (WhistlePermissions.inScope(actor.scope(), survivor.report().gridCode(),
					survivor.report().policeGridCode())) {
				relations.add(WhistlePermissions.Relation.TARGET_IN_SCOPE);
			}
		}
		WhistlePermissions.check(actor.roles(), action, relations);
		Category category = catalogue.category(loaded.report().categoryCode()).orElseThrow();
		Instant now = clock.instant();
		String by = actor.name();
		switch (action) {
			case CHECKIN -> {
				if (!Whistle.allows(action, w.state())) {
					throw new Whistle.IllegalTransition(action, w.state());
				}
				if (actor.person() == null || whistles.checkIn(id, actor.person(), now) == 0) {
					throw DomainException.conflict("not-summoned",
							"You are not summoned to this whistle or have checked in");
				}
				return w;
			}
			case MERGE -> {
				if (survivor != loaded && (survivor.whistle().state().isTerminal()
						|| survivor.whistle().state() == Whistle.State.RESOLVED)) {
					throw DomainException.conflict("merge-target-closed",
							"A whistle can only be merged into an open whistle");
				}
			}
			default -> {
			}
		}
		apply(w, category, action, by, now, details, chain(loaded.report()));
		switch (action) {
			case ACCEPT -> {
				if (actor.person() != null) {
					whistles.checkIn(id, actor.person(), now);
				}
			}
			case RETURN, REDISPATCH -> summonChief(id, w.levelGridCode(), w.level(), now);
			case TRANSFER -> {
				// Every hand-off is kept in dispatch; the target's module consumes the
				// event (mediation today).
				whistles.handOff(id, details.target(), details.reason(), by, now);
				events.publishEvent(new WhistleTransferred(id, details.target(), category.code(),
						loaded.report().description(), loaded.report().lon(), loaded.report().lat(),
						loaded.report().villageCode(), loaded.report().gridCode(), now));
			}
			default -> {
			}
		}
		whistles.save(w, loaded.version());
		events.publishEvent(
				new WhistleChanged(id, action.word(), loaded.report().gridCode(), loaded.report().policeGridCode()));
		return w;
	}

	/**
	 * The change of a transition to the whistle itself, with its clocks counted on the
	 * working calendar: what {@link #act} does once permissions are checked, and what the
	 * bulk history import replays. Who is summoned, hand-offs and events are the
	 * caller's.
	 */
	void apply(Whistle w, Category category, WhistleAction action, String by, Instant now, Action details,
			List<String> chain) {
		switch (action) {
			case ACCEPT -> w.accept(by, now, calendar.due(now, category.handleAmount(), category.handleCalendar()),
					calendar.due(now, category.feedbackAmount(), category.feedbackCalendar()));
			case ARRIVE -> w.arrive(by, now);
			case RESOLVE -> w.resolve(by, now, details.notes());
			case RETURN -> {
				w.returnForRerouting(by, now, details.reason());
				// Never lost: routed again at once, one level up, where the chief can
				// re-dispatch it correctly.
				int up = Math.max(1, w.level() - 1);
				w.dispatch("system", now, up, chain.get(up - 1),
						calendar.due(now, category.respondMinutes(), CalendarKind.NATURAL_MINUTES),
						"re-routed after return");
			}
			case CONFIRM -> w.confirm(by, now, details.rating() == null ? 0 : details.rating());
			case REOPEN -> w.reopen(by, now, details.reason(),
					calendar.due(now, category.respondMinutes(), CalendarKind.NATURAL_MINUTES));
			case CLOSE -> w.close(by, now, details.reason(), confirmationWindow);
			case SUSPEND -> w.suspend(by, now, details.reason());
			case RESUME -> {
				Instant pausedAt = w.suspendedAt();
				w.resume(by, now,
						Deadline.of(calendar, w.acceptedAt(), category.handleAmount(), category.handleCalendar())
							.pausedFor(calendar, pausedAt, now)
							.due(),
						Deadline.of(calendar, w.acceptedAt(), category.feedbackAmount(), category.feedbackCalendar())
							.pausedFor(calendar, pausedAt, now)
							.due());
			}
			case TRANSFER -> w.transfer(by, now, details.target(), details.reason());
			case MERGE -> w.mergeInto(by, now, details.into());
			case REJECT -> w.reject(by, now, details.reason());
			case SUPERVISE -> w.supervise(by, now, details.card(), details.reason());
			case REDISPATCH -> {
				if (details.level() == null || details.level() < 1 || details.level() > 5) {
					throw DomainException.rejected("bad-level", "level must be 1 to 5");
				}
				int to = details.level();
				w.redispatch(by, now, to, chain.get(to - 1),
						calendar.due(now, category.respondMinutes(), CalendarKind.NATURAL_MINUTES), details.reason());
			}
			case CHECKIN, DISPATCH, ESCALATE -> throw DomainException.conflict("not-by-hand",
					"Whistles are " + action + "ed by the system, not by hand");
		}
	}

	/**
	 * How the actor stands to the whistle: in scope, summoned to it, holding its tracking
	 * code.
	 */
	private Set<WhistlePermissions.Relation> relations(Actor actor, Whistles.Loaded loaded) {
		Set<WhistlePermissions.Relation> relations = EnumSet.noneOf(WhistlePermissions.Relation.class);
		if (WhistlePermissions.inScope(actor.scope(), loaded.report().gridCode(), loaded.report().policeGridCode())) {
			relations.add(WhistlePermissions.Relation.IN_SCOPE);
		}
		if (actor.person() != null && whistles.isResponder(loaded.whistle().id, actor.person())) {
			relations.add(WhistlePermissions.Relation.RESPONDER);
		}
		if (actor.trackingCode() != null && actor.trackingCode().equals(loaded.report().trackingCode())) {
			relations.add(WhistlePermissions.Relation.TRACKING_CODE);
		}
		return relations;
	}

	/**
	 * Stores photos of the work done; at most three per whistle besides the resident's.
	 * The actor must be one who may resolve the whistle (its responders, the chiefs of
	 * its area).
	 */
	@Transactional
	void addPhotos(UUID id, Actor actor, List<Photos.Photo> checked) {
		Whistles.Loaded loaded = whistles.loadForUpdate(id)
			.orElseThrow(() -> DomainException.notFound("whistle-not-found", "No whistle " + id));
		// Photos of the work done are added by those who may report it resolved.
		WhistlePermissions.check(actor.roles(), WhistleAction.RESOLVE, relations(actor, loaded));
		if (loaded.whistle().state().isTerminal()) {
			throw DomainException.conflict("closed", "The whistle is " + loaded.whistle().state());
		}
		if (photos.count(id, "RESOLUTION") + checked.size() > Photos.MAX_PHOTOS) {
			throw DomainException.rejected("too-many-photos",
					"At most " + Photos.MAX_PHOTOS + " photos of the work done");
		}
		photos.store(id, checked, "RESOLUTION", clock.instant());
	}

	/** The details a transition may need. */
	record Action(String reason, String notes, Integer rating, String card, TransferTarget target, UUID into,
			Integer level) {
	}

	/**
	 * The nearest open whistle of the same category within the configured distance and
	 * time window.
	 */
	private Optional<UUID> duplicateOf(String category, double lon, double lat, Instant now, UUID self) {
		double dLat = duplicateRadiusMetres / 111_320.0;
		double dLon = dLat / Math.cos(Math.toRadians(lat));
		return whistles
			.openNear(category, lon - dLon, lon + dLon, lat - dLat, lat + dLat, now.minus(duplicateWindow), self)
			.stream()
			.filter(c -> distanceMetres(lon, lat, c.lon(), c.lat()) <= duplicateRadiusMetres)
			.min(Comparator.comparingDouble(c -> distanceMetres(lon, lat, c.lon(), c.lat())))
			.map(Whistles.Near::id);
	}

	private static double distanceMetres(double lon1, double lat1, double lon2, double lat2) {
		double x = Math.toRadians(lon2 - lon1) * Math.cos(Math.toRadians((lat1 + lat2) / 2));
		double y = Math.toRadians(lat2 - lat1);
		return Math.sqrt(x * x + y * y) * 6_371_008.8;
	}

	// --- routing
	// ---------------------------------------------------------------------------------------------

	/**
	 * Grid codes of levels 1 to 5 at the point (level 5 repeats level 4 where no
	 * micro-grid is drawn).
	 */
	static List<String> chain(Location where) {
		return chain(where.township().code(), where.village().code(), where.grid() == null ? null : where.grid().code(),
				where.microGrid() == null ? null : where.microGrid().code());
	}

	static List<String> chain(Whistles.Report report) {
		return chain(report.townshipCode(), report.villageCode(), report.gridCode(), report.microGridCode());
	}

	/**
	 * The grid at each level: a missing basic grid falls back to the village's, a missing
	 * micro-grid to the basic grid.
	 */
	private static List<String> chain(String township, String village, String grid, String microGrid) {
		String villageGrid = village + "00";
		String basic = grid == null ? villageGrid : grid;
		return List.of(township.substring(0, 6) + "00000000", township + "00000", villageGrid, basic,
				microGrid == null ? basic : microGrid);
	}

	/**
	 * The level a grade starts at; where the point has no micro-grid, level 5 falls back
	 * to 4.
	 */
	int tierLevel(int grade, List<String> chain) {
		int level = tierLevels[Math.max(0, Math.min(tierLevels.length - 1, grade - 1))];
		while (level > 1 && level == 5 && chain.get(4).equals(chain.get(3))) {
			level--;
		}
		return level;
	}

	/** A person a whistle order summons, and the role they are summoned in. */
	record Summons(long personId, String role) {
	}

	/**
	 * Who can be summoned and how busy they are: today's assignments and duty rosters for
	 * a live report, cached ones for the bulk history import.
	 */
	interface Staff {

		List<Staffing.Responsible> responsibleFor(String gridCode);

		List<Staffing.Responsible> officersOf(String policeGridCode);

		Set<Long> onDuty(String policeGridCode);

		java.util.Map<Long, Integer> loads(List<Long> people);

	}

	private void summon(UUID id, Category category, Whistles.Report report, int level, List<String> chain,
			Instant now) {
		LocalDate today = staffing.today();
		Staff live = new Staff() {

			@Override
			public List<Staffing.Responsible> responsibleFor(String gridCode) {
				return staffing.responsibleFor(gridCode, today);
			}

			@Override
			public List<Staffing.Responsible> officersOf(String policeGridCode) {
				return staffing.officersOf(policeGridCode, today);
			}

			@Override
			public Set<Long> onDuty(String policeGridCode) {
				Set<Long> onDuty = new HashSet<>();
				staffing.onDuty(policeGridCode, now).forEach(d -> onDuty.add(d.personId()));
				return onDuty;
			}

			@Override
			public java.util.Map<Long, Integer> loads(List<Long> people) {
				return whistles.openLoads(people);
			}

		};
		for (Summons s : whom(category, report, level, chain, live)) {
			whistles.summon(id, s.personId(), s.role(), level, now);
		}
	}

	/**
	 * The people an order at {@code level} summons: the chief of the grid at that level;
	 * for grid and joint lines the least-loaded grid worker of the basic grid (only for
	 * categories admitted to grid workers); for police and joint lines the least-loaded
	 * officer of the police grid, preferring those on duty; for department lines the
	 * village's specialist of that department.
	 */
	static List<Summons> whom(Category category, Whistles.Report report, int level, List<String> chain, Staff staff) {
		List<Summons> summoned = new java.util.ArrayList<>();
		boolean gridLevel = level >= 4;
		if (!gridLevel || category.admittedToGrid()) {
			chiefs(staff.responsibleFor(chain.get(level - 1))).forEach(p -> summoned.add(new Summons(p, "GRID_CHIEF")));
		}
		if (category.summonsGrid() && report.gridCode() != null) {
			List<Staffing.Responsible> workers = staff.responsibleFor(report.gridCode())
				.stream()
				.filter(p -> p.kind().equals("GRID_WORKER"))
				.toList();
			var load = staff.loads(workers.stream().map(Staffing.Responsible::personId).toList());
			workers.stream()
				.min(Comparator.comparingInt(p -> load.getOrDefault(p.personId(), 0)))
				.ifPresent(p -> summoned.add(new Summons(p.personId(), "GRID_WORKER")));
		}
		if (category.summonsPolice() && report.policeGridCode() != null) {
			Set<Long> onDuty = staff.onDuty(report.policeGridCode());
			List<Staffing.Responsible> officers = staff.officersOf(report.policeGridCode());
			var load = staff.loads(officers.stream().map(Staffing.Responsible::personId).toList());
			officers.stream()
				.min(Comparator.<Staffing.Responsible>comparingInt(p -> onDuty.contains(p.personId()) ? 0 : 1)
					.thenComparingInt(p -> load.getOrDefault(p.personId(), 0)))
				.ifPresent(p -> summoned.add(new Summons(p.personId(), "OFFICER")));
		}
		if (category.line().equals("DEPARTMENT") && category.department() != null && report.villageCode() != null) {
			staff.responsibleFor(report.villageCode() + "00")
				.stream()
				.filter(p -> category.department().equals(p.specialty()))
				.findFirst()
				.ifPresent(p -> summoned.add(new Summons(p.personId(), "SPECIALIST")));
		}
		return summoned;
	}

	/** The chiefs among the people assigned to a grid. */
	static List<Long> chiefs(List<Staffing.Responsible> assigned) {
		return assigned.stream()
			.filter(p -> p.kind().equals("GRID_CHIEF"))
			.map(Staffing.Responsible::personId)
			.toList();
	}

	void summonChief(UUID id, String gridCode, int level, Instant now) {
		chiefs(staffing.responsibleFor(gridCode, staffing.today()))
			.forEach(p -> whistles.summon(id, p, "GRID_CHIEF", level, now));
	}

	String trackingCode() {
		StringBuilder code = new StringBuilder(12);
		for (int i = 0; i < 12; i++) {
			code.append(CODE_ALPHABET[random.nextInt(CODE_ALPHABET.length)]);
		}
		return code.toString();
	}

	private static String code(Location.Area area) {
		return area == null ? null : area.code();
	}

}
