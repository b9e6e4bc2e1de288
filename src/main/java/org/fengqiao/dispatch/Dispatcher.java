package org.fengqiao.dispatch;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.fengqiao.geo.GridLocator;
import org.fengqiao.geo.Location;
import org.fengqiao.organisation.Staffing;
import org.fengqiao.platform.FieldCipher;
import org.fengqiao.platform.PersonalData;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Takes reports in and moves whistles through their life: grades a report, finds its grid chain, picks the
 * responder tier and the people, starts the clocks, and applies every later transition.
 *
 * <p>Tiers (configurable per county, {@code fengqiao.dispatch.tier-levels}): grade 1 → level 1 (county chiefs),
 * grade 2 → level 3 (village/community, escalating to 2), grade 3 → level 5 (micro-grid, or 4 where there is
 * none). People: the chief of the grid at that level; for grid and joint lines the least-loaded grid worker of
 * the basic grid (only for categories admitted to grid workers); for police and joint lines the least-loaded
 * officer of the police grid, preferring those on duty; for department lines the village's specialist of that
 * department.
 */
@Service
class Dispatcher {

	/** A report as it arrives, from a resident or a system. */
	record ReportWhistle(String categoryCode, Double lon, Double lat, String description, String reporterName,
			String reporterPhone, Integer peopleCount, String idempotencyKey) {
	}

	/** The report cannot be accepted; nothing was stored. */
	static final class Refused extends RuntimeException {

		final String type;

		final int status;

		Refused(int status, String type, String message) {
			super(message);
			this.status = status;
			this.type = type;
		}
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

	private final SecureRandom random = new SecureRandom();

	Dispatcher(Catalogue catalogue, Grading grading, Whistles whistles, GridLocator locator, Staffing staffing,
			FieldCipher cipher, ApplicationEventPublisher events, Clock clock, WorkCalendar calendar,
			@Value("${fengqiao.dispatch.tier-levels:1,3,5}") int[] tierLevels, Photos photos,
			@Value("${fengqiao.dispatch.duplicate.radius-m:100}") double duplicateRadiusMetres,
			@Value("${fengqiao.dispatch.duplicate.window:24h}") java.time.Duration duplicateWindow) {
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
	 * Stores, grades, routes and dispatches a report in one transaction. A retry with the same idempotency key
	 * returns the whistle the first call created and creates nothing.
	 */
	@Transactional
	UUID report(ReportWhistle r) {
		return report(r, List.of());
	}

	/** As {@link #report(ReportWhistle)}, with photos already checked by {@link Photos#check}. */
	@Transactional
	UUID report(ReportWhistle r, List<Photos.Photo> photos) {
		if (r.idempotencyKey() != null) {
			if (r.idempotencyKey().length() > 100) {
				throw new Refused(400, "bad-idempotency-key", "An Idempotency-Key has at most 100 characters");
			}
			Optional<UUID> earlier = whistles.byIdempotencyKey(r.idempotencyKey());
			if (earlier.isPresent()) {
				return earlier.get();
			}
		}
		Category category = r.categoryCode() == null ? null : catalogue.category(r.categoryCode()).orElse(null);
		if (category == null) {
			throw new Refused(422, "unknown-category", "Unknown category " + r.categoryCode());
		}
		if (!org.fengqiao.geo.Coordinates.valid(r.lon(), r.lat())) {
			throw new Refused(422, "bad-coordinates", "lon must be in [-180, 180] and lat in [-90, 90]");
		}
		String description = r.description() == null ? "" : r.description().strip();
		if (description.isEmpty() || description.length() > MAX_DESCRIPTION) {
			throw new Refused(422, "bad-description", "A description of 1 to " + MAX_DESCRIPTION + " characters is required");
		}
		if (r.reporterName() != null && r.reporterName().strip().length() > 50) {
			throw new Refused(422, "bad-name", "A name has at most 50 characters");
		}
		if (r.reporterPhone() != null && !r.reporterPhone().isBlank() && !PersonalData.isValidMobile(r.reporterPhone())) {
			throw new Refused(422, "bad-phone", "Not a mobile number");
		}
		if (r.peopleCount() != null && (r.peopleCount() < 0 || r.peopleCount() > 100_000)) {
			throw new Refused(422, "bad-people-count", "peopleCount must be 0 to 100000");
		}
		Location where = locator.locate(r.lon(), r.lat())
			.orElseThrow(() -> new Refused(422, "not-covered", "Not covered: the point lies outside the county"));
		Instant now = clock.instant();
		Grading.Result grade = grading.grade(category, description, r.peopleCount(), r.lon(), r.lat(), now);
		List<String> chain = chain(where);
		int level = tierLevel(grade.grade(), chain);

		UUID id = UUID.randomUUID();
		String phone = r.reporterPhone() == null || r.reporterPhone().isBlank() ? null
				: PersonalData.normalisePhone(r.reporterPhone());
		FieldCipher.Sealed sealed = phone == null ? null : cipher.seal(phone);
		Whistles.Report report = new Whistles.Report(id, trackingCode(), r.idempotencyKey(), category.code(), grade.grade(),
				grade.reasons().isEmpty() ? null : String.join("; ", grade.reasons()), category.line(), r.lon(), r.lat(),
				description, r.reporterName() == null ? null : r.reporterName().strip(), sealed == null ? null : sealed.keyId(),
				sealed == null ? null : sealed.value(), phone == null ? null : PersonalData.maskPhone(phone),
				code(where.township()), code(where.village()), where.grid() == null ? null : where.grid().code(),
				where.microGrid() == null ? null : where.microGrid().code(), code(where.policeGrid()), now);
		Whistle whistle = new Whistle(id, Whistle.State.SUBMITTED, level, chain.get(level - 1));
		whistle.dispatch("system", now, level, chain.get(level - 1),
				calendar.due(now, category.respondMinutes(), CalendarKind.NATURAL_MINUTES), "grade " + grade.grade());
		whistles.insert(report, whistle);
		duplicateOf(category.code(), r.lon(), r.lat(), now, id).ifPresent(original -> whistles.proposeDuplicate(id, original));
		this.photos.store(id, photos, "REPORT", now);
		summon(id, category, report, level, chain, now);
		events.publishEvent(new WhistleDispatched(id, category.code(), grade.grade(), level, chain.get(level - 1),
				report.policeGridCode(), now));
		events.publishEvent(new WhistleChanged(id, "report"));
		return id;
	}

	/** Applies a transition to a whistle, checking the state machine and the version. */
	@Transactional
	Whistle act(UUID id, String action, String actor, Long actorPerson, Action details) {
		Whistles.Loaded loaded = whistles.load(id).orElseThrow(() -> new Refused(404, "whistle-not-found", "No whistle " + id));
		Whistle w = loaded.whistle();
		Category category = catalogue.category(loaded.report().categoryCode()).orElseThrow();
		Instant now = clock.instant();
		switch (action) {
			case "accept" -> {
				w.accept(actor, now, calendar.due(now, category.handleAmount(), category.handleCalendar()),
						calendar.due(now, category.feedbackAmount(), category.feedbackCalendar()));
				if (actorPerson != null) {
					whistles.checkIn(id, actorPerson, now);
				}
			}
			case "arrive" -> w.arrive(actor, now);
			case "resolve" -> w.resolve(actor, now, details.notes());
			case "return" -> {
				w.returnForRerouting(actor, now, details.reason());
				// Never lost: routed again at once, one level up, where the chief can re-dispatch it correctly.
				List<String> chain = chain(loaded.report());
				int up = Math.max(1, w.level() - 1);
				w.dispatch("system", now, up, chain.get(up - 1),
						calendar.due(now, category.respondMinutes(), CalendarKind.NATURAL_MINUTES), "re-routed after return");
				summonChief(id, chain.get(up - 1), up, now);
			}
			case "confirm" -> w.confirm(actor, now, details.rating() == null ? 0 : details.rating());
			case "reopen" -> w.reopen(actor, now, details.reason(),
					calendar.due(now, category.respondMinutes(), CalendarKind.NATURAL_MINUTES));
			case "close" -> w.close(actor, now, details.reason());
			case "suspend" -> w.suspend(actor, now, details.reason());
			case "resume" -> {
				Instant pausedAt = w.suspendedAt();
				w.resume(actor, now, Deadline.of(calendar, w.acceptedAt(), category.handleAmount(), category.handleCalendar())
					.pausedFor(calendar, pausedAt, now).due(),
						Deadline.of(calendar, w.acceptedAt(), category.feedbackAmount(), category.feedbackCalendar())
							.pausedFor(calendar, pausedAt, now).due());
			}
			case "transfer" -> {
				w.transfer(actor, now, details.target(), details.reason());
				events.publishEvent(new WhistleTransferred(id, details.target(), category.code(), loaded.report().description(),
						loaded.report().lon(), loaded.report().lat(), loaded.report().villageCode(), loaded.report().gridCode(),
						now));
			}
			case "merge" -> {
				if (details.into() == null || whistles.load(details.into()).isEmpty()) {
					throw new Refused(422, "bad-merge", "into must name an existing whistle");
				}
				w.mergeInto(actor, now, details.into());
			}
			case "reject" -> w.reject(actor, now, details.reason());
			case "supervise" -> w.supervise(actor, now, details.card(), details.reason());
			case "redispatch" -> {
				if (details.level() == null || details.level() < 1 || details.level() > 5) {
					throw new Refused(422, "bad-level", "level must be 1 to 5");
				}
				List<String> chain = chain(loaded.report());
				int to = details.level();
				w.redispatch(actor, now, to, chain.get(to - 1),
						calendar.due(now, category.respondMinutes(), CalendarKind.NATURAL_MINUTES), details.reason());
				summonChief(id, chain.get(to - 1), to, now);
			}
			case "checkin" -> {
				if (actorPerson == null || whistles.checkIn(id, actorPerson, now) == 0) {
					throw new Refused(409, "not-summoned", "You are not summoned to this whistle or have checked in");
				}
				return w;
			}
			default -> throw new Refused(404, "unknown-action", "No action " + action);
		}
		whistles.save(w, loaded.version());
		events.publishEvent(new WhistleChanged(id, action));
		return w;
	}

	/** Stores photos of the work done; at most three per whistle besides the resident's. */
	@Transactional
	void addPhotos(UUID id, List<Photos.Photo> checked) {
		Whistles.Loaded loaded = whistles.loadForUpdate(id).orElseThrow(() -> new Refused(404, "whistle-not-found", "No whistle " + id));
		if (loaded.whistle().state().isTerminal()) {
			throw new Refused(409, "closed", "The whistle is " + loaded.whistle().state());
		}
		if (photos.count(id, "RESOLUTION") + checked.size() > Photos.MAX_PHOTOS) {
			throw new Refused(422, "too-many-photos", "At most " + Photos.MAX_PHOTOS + " photos of the work done");
		}
		photos.store(id, checked, "RESOLUTION", clock.instant());
	}

	/** The details a transition may need. */
	record Action(String reason, String notes, Integer rating, String card, String target, UUID into, Integer level) {
	}

	/** The nearest open whistle of the same category within the configured distance and time window. */
	private Optional<UUID> duplicateOf(String category, double lon, double lat, Instant now, UUID self) {
		double dLat = duplicateRadiusMetres / 111_320.0;
		double dLon = dLat / Math.cos(Math.toRadians(lat));
		return whistles.openNear(category, lon - dLon, lon + dLon, lat - dLat, lat + dLat, now.minus(duplicateWindow), self)
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

	// --- routing ---------------------------------------------------------------------------------------------

	/** Grid codes of levels 1 to 5 at the point (level 5 repeats level 4 where no micro-grid is drawn). */
	static List<String> chain(Location where) {
		return chain(where.township().code(), where.village().code(), where.grid() == null ? null : where.grid().code(),
				where.microGrid() == null ? null : where.microGrid().code());
	}

	static List<String> chain(Whistles.Report report) {
		return chain(report.townshipCode(), report.villageCode(), report.gridCode(), report.microGridCode());
	}

	/** The grid at each level: a missing basic grid falls back to the village's, a missing micro-grid to the basic grid. */
	private static List<String> chain(String township, String village, String grid, String microGrid) {
		String villageGrid = village + "00";
		String basic = grid == null ? villageGrid : grid;
		return List.of(township.substring(0, 6) + "00000000", township + "00000", villageGrid, basic,
				microGrid == null ? basic : microGrid);
	}

	/** The level a grade starts at; where the point has no micro-grid, level 5 falls back to 4. */
	int tierLevel(int grade, List<String> chain) {
		int level = tierLevels[Math.max(0, Math.min(tierLevels.length - 1, grade - 1))];
		while (level > 1 && level == 5 && chain.get(4).equals(chain.get(3))) {
			level--;
		}
		return level;
	}

	private void summon(UUID id, Category category, Whistles.Report report, int level, List<String> chain, Instant now) {
		LocalDate today = staffing.today();
		boolean gridLevel = level >= 4;
		if (!gridLevel || category.admittedToGrid()) {
			summonChief(id, chain.get(level - 1), level, now);
		}
		if (category.summonsGrid() && report.gridCode() != null) {
			List<Staffing.Responsible> workers = staffing.responsibleFor(report.gridCode(), today).stream()
				.filter(p -> p.kind().equals("GRID_WORKER")).toList();
			var load = whistles.openLoads(workers.stream().map(Staffing.Responsible::personId).toList());
			workers.stream()
				.min(Comparator.comparingInt(p -> load.getOrDefault(p.personId(), 0)))
				.ifPresent(p -> whistles.summon(id, p.personId(), "GRID_WORKER", level, now));
		}
		if (category.summonsPolice() && report.policeGridCode() != null) {
			Set<Long> onDuty = new HashSet<>();
			staffing.onDuty(report.policeGridCode(), now).forEach(d -> onDuty.add(d.personId()));
			List<Staffing.Responsible> officers = staffing.officersOf(report.policeGridCode(), today);
			var load = whistles.openLoads(officers.stream().map(Staffing.Responsible::personId).toList());
			officers.stream()
				.min(Comparator.<Staffing.Responsible>comparingInt(p -> onDuty.contains(p.personId()) ? 0 : 1)
					.thenComparingInt(p -> load.getOrDefault(p.personId(), 0)))
				.ifPresent(p -> whistles.summon(id, p.personId(), "OFFICER", level, now));
		}
		if (category.line().equals("DEPARTMENT") && category.department() != null && report.villageCode() != null) {
			staffing.responsibleFor(report.villageCode() + "00", today).stream()
				.filter(p -> category.department().equals(p.specialty()))
				.findFirst()
				.ifPresent(p -> whistles.summon(id, p.personId(), "SPECIALIST", level, now));
		}
	}

	void summonChief(UUID id, String gridCode, int level, Instant now) {
		staffing.responsibleFor(gridCode, staffing.today()).stream()
			.filter(p -> p.kind().equals("GRID_CHIEF"))
			.forEach(p -> whistles.summon(id, p.personId(), "GRID_CHIEF", level, now));
	}

	private String trackingCode() {
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
