package org.fengqiao.dispatch;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.UUID;

import org.fengqiao.geo.GridLocator;
import org.fengqiao.geo.Location;
import org.fengqiao.organisation.DataScope;
import org.fengqiao.organisation.Staffing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads whistles that were reported before, for example a county's open cases from its
 * previous system or the demo's: each goes through the dispatcher like any report, its
 * later steps are taken as the command centre would (the confirmation as the resident
 * with the tracking code), and it can be dated back to when it was really reported.
 *
 * <p>
 * Tens of thousands are loaded in bulk ({@link #loadAll}) with the same rules, without
 * the round trips: each is graded by {@link Grading} (its repeat rules counting the
 * earlier items of the load too), located by the {@link GridLocator}, routed to the level
 * of its grade and its people by the dispatcher's own helpers, and its steps are replayed
 * on the {@link Whistle} aggregate at their own times, the clocks counted on the
 * {@link WorkCalendar}; a clock missed between two steps escalates it as the
 * {@link Escalator} would have, at the instant it fell due. The rows are written with
 * PostgreSQL's COPY, a chunk per transaction.
 */
@Component
public class WhistleHistoryImport {

	/**
	 * A whistle as reported earlier.
	 *
	 * @param actions the words of the actions taken since ({@code accept},
	 * {@code arrive}, {@code resolve}, {@code confirm}...), in order
	 * @param actedBy the name the actions are recorded under
	 * @param resolutionNotes the notes of the {@code resolve} action
	 * @param rating the resident's rating when confirming
	 * @param reportedAt when it was reported, or null for now
	 * @param respondDue when the response was (or is) due, with {@code reportedAt}
	 */
	public record PastWhistle(String categoryCode, double lon, double lat, String description, String reporterName,
			String reference, List<String> actions, String actedBy, String resolutionNotes, Integer rating,
			Instant reportedAt, Instant respondDue) {
	}

	/**
	 * A step taken on a past whistle, at its time.
	 *
	 * @param action the word of the action ({@code accept}, {@code arrive},
	 * {@code resolve}, {@code confirm}, {@code reopen}, {@code close}, {@code return},
	 * {@code reject}, {@code suspend}, {@code resume}, {@code supervise},
	 * {@code redispatch})
	 * @param by the name it is recorded under; null: {@code resident} for confirm and
	 * reopen, the whistle's {@code actedBy} otherwise
	 * @param text the notes of a resolution, the reason of any other step, the card
	 * ({@code YELLOW: reason}) of a supervision
	 * @param number the rating of a confirmation, the level of a redispatch
	 */
	public record Step(String action, Instant at, String by, String text, Integer number) {

		public static Step of(String action, Instant at) {
			return new Step(action, at, null, null, null);
		}

		public static Step of(String action, Instant at, String text) {
			return new Step(action, at, null, text, null);
		}

	}

	/**
	 * A whistle of the past with the times of everything done to it.
	 *
	 * @param reference a unique reference (stored as its idempotency key): a whistle
	 * whose reference is stored already is skipped, so a load can be run again
	 * @param reportedAt when it was reported
	 * @param steps what was done since, in order, none before {@code reportedAt} nor
	 * after now
	 */
	public record HistoricWhistle(String categoryCode, double lon, double lat, String description, String reporterName,
			String reference, String actedBy, Instant reportedAt, List<Step> steps) {
	}

	/** What a bulk load did. */
	public record Loaded(int stored, int skipped, Duration took) {
	}

	private static final Logger log = LoggerFactory.getLogger(WhistleHistoryImport.class);

	private static final int CHUNK = 2000;

	private final Dispatcher dispatcher;

	private final Catalogue catalogue;

	private final JdbcClient jdbc;

	private final Grading grading;

	private final GridLocator locator;

	private final Staffing staffing;

	private final Whistles whistles;

	private final WorkCalendar calendar;

	private final Clock clock;

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher events;

	WhistleHistoryImport(Dispatcher dispatcher, Catalogue catalogue, JdbcClient jdbc, Grading grading,
			GridLocator locator, Staffing staffing, Whistles whistles, WorkCalendar calendar, Clock clock,
			TransactionTemplate transactions, ApplicationEventPublisher events) {
		this.dispatcher = dispatcher;
		this.catalogue = catalogue;
		this.jdbc = jdbc;
		this.grading = grading;
		this.locator = locator;
		this.staffing = staffing;
		this.whistles = whistles;
		this.calendar = calendar;
		this.clock = clock;
		this.transactions = transactions;
		this.events = events;
	}

	/**
	 * Whether a whistle whose reference (idempotency key) starts so is stored: a history
	 * loaded before.
	 */
	public boolean hasReferencePrefix(String prefix) {
		return jdbc.sql("select exists (select 1 from whistle where idempotency_key like ?)")
			.param(prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
			.query(Boolean.class)
			.single();
	}

	/** Whether a whistle with this reference (idempotency key) is stored. */
	public boolean hasReference(String reference) {
		return !whistles.storedKeys(List.of(reference)).isEmpty();
	}

	/** Whether no whistle has been stored yet. */
	public boolean isEmpty() {
		return jdbc.sql("select count(*) from whistle").query(Integer.class).single() == 0;
	}

	/** Whether the catalogue has this category. */
	public boolean knows(String categoryCode) {
		return catalogue.category(categoryCode).isPresent();
	}

	/**
	 * Reports the whistle, takes its actions and dates it back.
	 * @return its id
	 */
	public UUID load(PastWhistle w) {
		UUID id = dispatcher.report(new Dispatcher.ReportWhistle(w.categoryCode(), w.lon(), w.lat(), w.description(),
				w.reporterName(), null, null, w.reference()));
		for (String word : w.actions()) {
			WhistleAction action = WhistleAction.of(word.strip())
				.orElseThrow(() -> new IllegalArgumentException("No whistle action " + word));
			Dispatcher.Actor actor = action == WhistleAction.CONFIRM ? Dispatcher.Actor.resident(
					jdbc.sql("select tracking_code from whistle where id = ?").param(id).query(String.class).single())
					: Dispatcher.Actor.staff(w.actedBy(), EnumSet.of(WhistlePermissions.Role.COMMAND), null,
							DataScope.county());
			dispatcher.act(id, action, actor, new Dispatcher.Action(null,
					action == WhistleAction.RESOLVE ? w.resolutionNotes() : null, w.rating(), null, null, null, null));
		}
		if (w.reportedAt() != null) {
			transactions.executeWithoutResult(status -> {
				dateBack(id, w.reportedAt(), w.respondDue());
				// Its facts changed once more: whoever keeps figures reads them again.
				Whistles.Report report = whistles.load(id).orElseThrow().report();
				events.publishEvent(new WhistleChanged(id, "import", report.gridCode(), report.policeGridCode()));
			});
		}
		return id;
	}

	/**
	 * Loads past whistles in bulk (see the class comment), oldest first, in chunks of
	 * {@value #CHUNK} per transaction; points outside the county and references stored
	 * already are skipped. Publishes {@link WhistleHistoryImported} when done.
	 * @throws IllegalArgumentException for an unknown category or action, or steps out of
	 * order, before anything is stored
	 */
	public Loaded loadAll(List<HistoricWhistle> past) {
		long started = System.nanoTime();
		Instant now = clock.instant();
		List<HistoricWhistle> sorted = new ArrayList<>(past);
		sorted.sort(Comparator.comparing(HistoricWhistle::reportedAt));
		for (HistoricWhistle h : sorted) {
			check(h, now);
		}
		if (sorted.isEmpty()) {
			return new Loaded(0, 0, Duration.ZERO);
		}
		Instant first = sorted.get(0).reportedAt();
		Replay replay = new Replay(first, now);
		int stored = 0;
		int skipped = 0;
		long replaying = 0;
		for (int from = 0; from < sorted.size(); from += CHUNK) {
			List<HistoricWhistle> chunk = sorted.subList(from, Math.min(sorted.size(), from + CHUNK));
			Set<String> known = whistles
				.storedKeys(chunk.stream().map(HistoricWhistle::reference).filter(java.util.Objects::nonNull).toList());
			List<Whistles.Past> rows = new ArrayList<>(chunk.size());
			long replayStart = System.nanoTime();
			for (HistoricWhistle h : chunk) {
				Whistles.Past row = null;
				if (h.reference() == null || !known.contains(h.reference())) {
					try {
						row = replay.play(h);
					}
					catch (org.fengqiao.platform.DomainException e) {
						// A step the rules refuse (a close before the resident's window
						// passed, say): that whistle is left out, the others load.
						log.warn("Past whistle {} not loaded: {}", h.reference(), e.getMessage());
					}
				}
				if (row == null) {
					skipped++;
				}
				else {
					rows.add(row);
				}
			}
			replaying += System.nanoTime() - replayStart;
			transactions.executeWithoutResult(status -> whistles.insertPast(rows));
			stored += rows.size();
		}
		int count = stored;
		transactions.executeWithoutResult(status -> events.publishEvent(new WhistleHistoryImported(count, now)));
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		log.info(
				"Loaded {} past whistles in bulk ({} skipped) in {} ms ({} ms replaying, the rest storing): {} a second",
				stored, skipped, took.toMillis(), replaying / 1_000_000,
				Math.round(stored / Math.max(0.001, took.toNanos() / 1e9)));
		return new Loaded(stored, skipped, took);
	}

	private void check(HistoricWhistle h, Instant now) {
		if (h.reportedAt() == null || h.reportedAt().isAfter(now)) {
			throw new IllegalArgumentException("A past whistle needs a reporting time not after now: " + h.reference());
		}
		if (catalogue.category(h.categoryCode()).isEmpty()) {
			throw new IllegalArgumentException("No category " + h.categoryCode());
		}
		Instant last = h.reportedAt();
		for (Step step : h.steps()) {
			WhistleAction action = WhistleAction.of(step.action())
				.orElseThrow(() -> new IllegalArgumentException("No whistle action " + step.action()));
			if (EnumSet
				.of(WhistleAction.DISPATCH, WhistleAction.ESCALATE, WhistleAction.CHECKIN, WhistleAction.TRANSFER,
						WhistleAction.MERGE)
				.contains(action)) {
				throw new IllegalArgumentException("A past whistle cannot be given " + action + " in bulk");
			}
			if (step.at() == null || step.at().isBefore(last) || step.at().isAfter(now)) {
				throw new IllegalArgumentException("Steps of " + h.reference() + " out of order or in the future");
			}
			last = step.at();
		}
	}

	/**
	 * The state of one bulk load: the earlier reports the repeat rules count, the people
	 * assigned (today's, as the dispatcher routes), their shifts and how many open
	 * whistles each holds at an instant.
	 */
	private final class Replay implements Dispatcher.Staff, Grading.Earlier {

		private final Instant now;

		/** Stored whistles the repeat rules may count, by category. */
		private final Map<String, List<Whistles.Reported>> stored = new HashMap<>();

		/** This load's whistles so far, by category, oldest first. */
		private final Map<String, List<Whistles.Reported>> loaded = new HashMap<>();

		private final Map<String, List<Staffing.Responsible>> assigned = new HashMap<>();

		private final Map<String, List<Staffing.Responsible>> officers = new HashMap<>();

		private final Map<String, List<Staffing.OnDuty>> shifts = new HashMap<>();

		private final Map<Long, Integer> storedLoads;

		/** Per person, when each of this load's whistles they hold stops being open. */
		private final Map<Long, PriorityQueue<Instant>> holding = new HashMap<>();

		private final java.time.LocalDate today;

		/** The instant the current whistle's people are picked at. */
		private Instant at;

		Replay(Instant first, Instant now) {
			this.now = now;
			this.today = staffing.today();
			for (Whistles.Reported r : whistles.reportedSince(first.minus(Duration.ofDays(31)))) {
				stored.computeIfAbsent(r.categoryCode(), k -> new ArrayList<>()).add(r);
			}
			this.storedLoads = whistles.openLoadsOfAll();
			for (Staffing.Responsible r : staffing.everyoneOn(today)) {
				if (r.gridCode() != null) {
					assigned.computeIfAbsent(r.gridCode(), k -> new ArrayList<>()).add(r);
				}
				if (r.policeGridCode() != null) {
					officers.computeIfAbsent(r.policeGridCode(), k -> new ArrayList<>()).add(r);
				}
			}
			for (Staffing.OnDuty shift : staffing.shifts(first, now)) {
				shifts.computeIfAbsent(shift.policeGridCode(), k -> new ArrayList<>()).add(shift);
			}
		}

		/**
		 * The whistle with its history, or null when its point lies outside the county.
		 */
		Whistles.Past play(HistoricWhistle h) {
			Location where = locator.locate(h.lon(), h.lat()).orElse(null);
			if (where == null) {
				return null;
			}
			Category category = catalogue.category(h.categoryCode()).orElseThrow();
			String description = h.description().strip();
			Instant reported = h.reportedAt();
			Grading.Result grade = grading.grade(category, description, null, h.lon(), h.lat(), reported, this);
			List<String> chain = Dispatcher.chain(where);
			int level = dispatcher.tierLevel(grade.grade(), chain);
			UUID id = UUID.randomUUID();
			Whistles.Report report = Dispatcher.report(id, dispatcher.trackingCode(), h.reference(), category, grade,
					h.lon(), h.lat(), description, h.reporterName(), null, null, where, reported);
			Whistle w = dispatcher.dispatched(id, category, grade, level, chain, reported);
			List<Whistles.Responder> responders = new ArrayList<>();
			this.at = reported;
			List<Dispatcher.Summons> picked = Dispatcher.whom(category, report, level, chain, this);
			picked.forEach(s -> responders.add(new Whistles.Responder(s.personId(), s.role(), level, reported, null)));
			Instant openUntil = null;
			for (Step step : h.steps()) {
				escalateBefore(w, category, chain, step.at(), false, responders);
				WhistleAction action = WhistleAction.of(step.action()).orElseThrow();
				String by = step.by() != null ? step.by()
						: action == WhistleAction.CONFIRM || action == WhistleAction.REOPEN ? "resident"
								: h.actedBy() == null ? "system" : h.actedBy();
				String card = null;
				String reason = step.text();
				if (action == WhistleAction.SUPERVISE && step.text() != null && step.text().contains(":")) {
					card = step.text().substring(0, step.text().indexOf(':')).strip();
					reason = step.text().substring(step.text().indexOf(':') + 1).strip();
				}
				dispatcher.apply(w, category, action, by, step.at(),
						new Dispatcher.Action(reason, step.text(), step.number(), card, null, null, step.number()),
						chain);
				if (action == WhistleAction.RETURN || action == WhistleAction.REDISPATCH) {
					summonChiefs(responders, chain.get(w.level() - 1), w.level(), step.at());
				}
				if (openUntil == null && !isOpen(w.state())) {
					openUntil = step.at();
				}
			}
			escalateBefore(w, category, chain, now, true, responders);
			Instant until = openUntil == null && !isOpen(w.state()) ? now : openUntil;
			for (Dispatcher.Summons s : picked) {
				if (!s.role().equals("GRID_CHIEF") && !s.role().equals("SPECIALIST")) {
					holding.computeIfAbsent(s.personId(), k -> new PriorityQueue<>())
						.add(until == null ? Instant.MAX : until);
				}
			}
			if (w.state() != Whistle.State.MERGED) {
				loaded.computeIfAbsent(category.code(), k -> new ArrayList<>())
					.add(new Whistles.Reported(category.code(), reported, h.lon(), h.lat()));
			}
			return new Whistles.Past(report, w, w.takeTransitions(), responders);
		}

		/**
		 * Escalates as the timer would have: every escalation falling due before
		 * {@code until} (up to it, inclusive, for the present), at the instant it fell
		 * due.
		 */
		private void escalateBefore(Whistle w, Category category, List<String> chain, Instant until, boolean inclusive,
				List<Whistles.Responder> responders) {
			while (w.escalateAt() != null
					&& (w.escalateAt().isBefore(until) || inclusive && w.escalateAt().equals(until))) {
				Instant due = w.escalateAt();
				int up = Escalator.escalate(w, category, chain, calendar, due);
				if (up >= 1) {
					summonChiefs(responders, chain.get(up - 1), up, due);
				}
			}
		}

		private void summonChiefs(List<Whistles.Responder> responders, String gridCode, int level, Instant at) {
			for (Long person : Dispatcher.chiefs(responsibleFor(gridCode))) {
				boolean known = responders.stream().anyMatch(r -> r.personId() == person && r.level() == level);
				if (!known) {
					responders.add(new Whistles.Responder(person, "GRID_CHIEF", level, at, null));
				}
			}
		}

		private static boolean isOpen(Whistle.State state) {
			return state == Whistle.State.DISPATCHED || state == Whistle.State.ACCEPTED
					|| state == Whistle.State.ON_SCENE || state == Whistle.State.SUSPENDED;
		}

		@Override
		public List<Staffing.Responsible> responsibleFor(String gridCode) {
			return assigned.getOrDefault(gridCode, List.of());
		}

		@Override
		public List<Staffing.Responsible> officersOf(String policeGridCode) {
			return officers.getOrDefault(policeGridCode, List.of());
		}

		@Override
		public Set<Long> onDuty(String policeGridCode) {
			Set<Long> onDuty = new HashSet<>();
			for (Staffing.OnDuty shift : shifts.getOrDefault(policeGridCode, List.of())) {
				if (!shift.startsAt().isAfter(at) && shift.endsAt().isAfter(at)) {
					onDuty.add(shift.personId());
				}
			}
			return onDuty;
		}

		@Override
		public Map<Long, Integer> loads(List<Long> people) {
			Map<Long, Integer> load = new HashMap<>();
			for (Long person : people) {
				PriorityQueue<Instant> held = holding.get(person);
				while (held != null && !held.isEmpty() && !held.peek().isAfter(at)) {
					held.poll();
				}
				load.put(person, storedLoads.getOrDefault(person, 0) + (held == null ? 0 : held.size()));
			}
			return load;
		}

		@Override
		public int count(String categoryCode, Instant since, Instant until, double minLon, double maxLon, double minLat,
				double maxLat) {
			int count = 0;
			for (Whistles.Reported r : stored.getOrDefault(categoryCode, List.of())) {
				if (!r.at().isBefore(since) && !r.at().isAfter(until) && inside(r, minLon, maxLon, minLat, maxLat)) {
					count++;
				}
			}
			List<Whistles.Reported> mine = loaded.getOrDefault(categoryCode, List.of());
			for (int i = mine.size() - 1; i >= 0 && !mine.get(i).at().isBefore(since); i--) {
				if (inside(mine.get(i), minLon, maxLon, minLat, maxLat)) {
					count++;
				}
			}
			return count;
		}

		private static boolean inside(Whistles.Reported r, double minLon, double maxLon, double minLat, double maxLat) {
			return r.lon() >= minLon && r.lon() <= maxLon && r.lat() >= minLat && r.lat() <= maxLat;
		}

	}

	private void dateBack(UUID id, Instant reportedAt, Instant respondDue) {
		// The response clock is dated back with it; a clock that runs on (handling) or
		// has
		// stopped (finished) is kept.
		jdbc.sql("""
				update whistle set reported_at = ?, respond_due = ?,
				    escalate_at = case when state = 'DISPATCHED' then ? else escalate_at end where id = ?""")
			.params(Timestamp.from(reportedAt), Timestamp.from(respondDue), Timestamp.from(respondDue), id)
			.update();
		jdbc.sql("update whistle_event set at = ? where whistle_id = ?")
			.params(Timestamp.from(reportedAt), id)
			.update();
	}

}
