package org.fengqiao.dispatch;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import org.fengqiao.organisation.DataScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Loads whistles that were reported before, for example a county's open cases from its
 * previous system or the demo's: each goes through the dispatcher like any report, its
 * later steps are taken as the command centre would (the confirmation as the resident
 * with the tracking code), and it can be dated back to when it was really reported.
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

	private final Dispatcher dispatcher;

	private final Catalogue catalogue;

	private final JdbcClient jdbc;

	WhistleHistoryImport(Dispatcher dispatcher, Catalogue catalogue, JdbcClient jdbc) {
		this.dispatcher = dispatcher;
		this.catalogue = catalogue;
		this.jdbc = jdbc;
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
			dateBack(id, w.reportedAt(), w.respondDue());
		}
		return id;
	}

	private void dateBack(UUID id, Instant reportedAt, Instant respondDue) {
		jdbc.sql("update whistle set reported_at = ?, respond_due = ?, escalate_at = ? where id = ?")
			.params(Timestamp.from(reportedAt), Timestamp.from(respondDue), Timestamp.from(respondDue), id)
			.update();
		jdbc.sql("update whistle_event set at = ? where whistle_id = ?")
			.params(Timestamp.from(reportedAt), id)
			.update();
	}

}
