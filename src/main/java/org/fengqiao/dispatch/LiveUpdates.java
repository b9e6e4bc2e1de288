package org.fengqiao.dispatch;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.fengqiao.organisation.DataScope;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Live updates of whistles across all application nodes: the transaction that changes a
 * whistle sends a PostgreSQL NOTIFY, delivered when it commits; every node LISTENs on its
 * own connection and passes each notification to its subscribers (the command centre's
 * server-sent event streams). Two nodes on one database therefore show the same changes.
 * Each stream hears only the whistles in the data scope its account had when it
 * subscribed. Notifications and events are JSON written by Jackson from records.
 */
@Component
class LiveUpdates implements SmartLifecycle {

	static final String CHANNEL = "fengqiao_whistles";

	private static final Logger log = LoggerFactory.getLogger(LiveUpdates.class);

	private final JdbcClient jdbc;

	private final DataSource dataSource;

	private final JsonMapper json;

	/** A change of a whistle as subscribers hear it, and as a browser receives it. */
	record Change(UUID id, String action) {
	}

	/**
	 * The notification between nodes: the change and where the whistle lies, so each node
	 * passes it only to the subscribers whose scope covers it.
	 */
	record Notice(UUID id, String action, String grid, String policeGrid) {
	}

	/**
	 * A subscriber hears the changes of whistles in its scope ({@code null}: every
	 * change, for the node itself).
	 */
	private record Subscriber(DataScope scope, Consumer<Change> sink) {
	}

	private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();

	private volatile boolean running;

	private Thread listener;

	LiveUpdates(JdbcClient jdbc, DataSource dataSource, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
		this.dataSource = dataSource;
	}

	/**
	 * NOTIFY inside the transaction that made the change: PostgreSQL delivers it only
	 * when that transaction commits (and drops it on rollback), on the same connection.
	 * An after-commit listener would need a second connection per request, which starves
	 * the pool under load.
	 */
	@org.springframework.context.event.EventListener
	void on(WhistleChanged change) {
		try {
			Notice notice = new Notice(change.whistleId(), change.action(), change.gridCode(), change.policeGridCode());
			jdbc.sql("select pg_notify(?, ?)")
				.params(CHANNEL, json.writeValueAsString(notice))
				.query((rs, n) -> 1)
				.list();
		}
		catch (RuntimeException e) {
			log.warn("Could not announce a whistle change: {}", e.getMessage());
		}
	}

	/**
	 * Registers a subscriber for every change; {@code null} changes are heartbeats.
	 * Returns a handle to remove it.
	 */
	Runnable subscribe(Consumer<Change> subscriber) {
		return subscribe(null, subscriber);
	}

	/**
	 * Registers a subscriber for the changes of whistles in a data scope (the whistle's
	 * grid or police grid in it, as for reading a whistle); {@code null} changes are
	 * heartbeats. Returns a handle to remove it.
	 */
	Runnable subscribe(DataScope scope, Consumer<Change> subscriber) {
		Subscriber s = new Subscriber(scope, subscriber);
		subscribers.add(s);
		return () -> subscribers.remove(s);
	}

	@Override
	public void start() {
		running = true;
		listener = new Thread(this::listen, "whistle-listen");
		listener.setDaemon(true);
		listener.start();
	}

	@Override
	public void stop() {
		running = false;
		if (listener != null) {
			listener.interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/**
	 * Passes a notification (a {@link Notice} as JSON; {@code null} for a heartbeat) to
	 * each subscriber whose scope covers the whistle. One failing subscriber must not
	 * stop the others, nor the listening thread.
	 */
	private void deliver(String notification) {
		Notice notice = null;
		if (notification != null) {
			try {
				notice = json.readValue(notification, Notice.class);
			}
			catch (JacksonException e) {
				log.warn("Ignored a whistle notification that is not one: {}", e.getOriginalMessage());
				return;
			}
		}
		Change change = notice == null ? null : new Change(notice.id(), notice.action());
		for (Subscriber subscriber : subscribers) {
			if (notice != null && subscriber.scope() != null
					&& !WhistlePermissions.inScope(subscriber.scope(), notice.grid(), notice.policeGrid())) {
				continue;
			}
			try {
				subscriber.sink().accept(change);
			}
			catch (RuntimeException e) {
				log.debug("A live-update subscriber failed: {}", e.getMessage());
			}
		}
	}

	private void listen() {
		while (running) {
			try (Connection connection = dataSource.getConnection()) {
				try (Statement statement = connection.createStatement()) {
					statement.execute("LISTEN " + CHANNEL);
				}
				PGConnection pg = connection.unwrap(PGConnection.class);
				long lastBeat = System.nanoTime();
				while (running) {
					PGNotification[] notifications = pg.getNotifications(2000);
					if (notifications != null) {
						for (PGNotification n : notifications) {
							deliver(n.getParameter());
						}
					}
					if (System.nanoTime() - lastBeat > 20_000_000_000L) {
						// Keeps idle streams open through proxies; subscribers treat null
						// as a heartbeat.
						deliver(null);
						lastBeat = System.nanoTime();
					}
				}
			}
			catch (SQLException e) {
				if (running) {
					log.warn("Lost the whistle notification connection, reconnecting: {}", e.getMessage());
					try {
						Thread.sleep(1000);
					}
					catch (InterruptedException interrupted) {
						Thread.currentThread().interrupt();
						return;
					}
				}
			}
		}
	}

}
