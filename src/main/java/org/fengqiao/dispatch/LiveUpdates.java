package org.fengqiao.dispatch;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
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
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live updates of whistles across all application nodes: the transaction that changes a
 * whistle sends a PostgreSQL NOTIFY, delivered when it commits; every node LISTENs on its
 * own connection and passes each notification to its subscribers (the command centre's
 * server-sent event streams). Two nodes on one database therefore show the same changes.
 * Each stream hears only the whistles in the data scope its account had when it
 * subscribed.
 */
@Component
class LiveUpdates implements SmartLifecycle {

	static final String CHANNEL = "fengqiao_whistles";

	private static final Logger log = LoggerFactory.getLogger(LiveUpdates.class);

	private final JdbcClient jdbc;

	private final DataSource dataSource;

	/**
	 * A subscriber hears the changes of whistles in its scope ({@code null}: every
	 * change, for the node itself).
	 */
	private record Subscriber(DataScope scope, Consumer<String> sink) {
	}

	private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();

	private volatile boolean running;

	private Thread listener;

	LiveUpdates(JdbcClient jdbc, DataSource dataSource) {
		this.jdbc = jdbc;
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
			jdbc.sql("select pg_notify(?, ?)")
				.params(CHANNEL,
						change.whistleId() + "|" + change.action() + "|" + nullToEmpty(change.gridCode()) + "|"
								+ nullToEmpty(change.policeGridCode()))
				.query((rs, n) -> 1)
				.list();
		}
		catch (RuntimeException e) {
			log.warn("Could not announce a whistle change: {}", e.getMessage());
		}
	}

	/**
	 * Registers a subscriber for every "whistle id|action" message; returns a handle to
	 * remove it.
	 */
	Runnable subscribe(Consumer<String> subscriber) {
		return subscribe(null, subscriber);
	}

	/**
	 * Registers a subscriber for the "whistle id|action" messages of whistles in a data
	 * scope (the whistle's grid or police grid in it, as for reading a whistle);
	 * {@code null} messages are heartbeats. Returns a handle to remove it.
	 */
	Runnable subscribe(DataScope scope, Consumer<String> subscriber) {
		Subscriber s = new Subscriber(scope, subscriber);
		subscribers.add(s);
		return () -> subscribers.remove(s);
	}

	/**
	 * A server-sent event stream of the changes of whistles in the subscriber's data
	 * scope, for a browser.
	 */
	SseEmitter stream(DataScope scope) {
		SseEmitter emitter = new SseEmitter(30L * 60 * 1000);
		Runnable[] unsubscribe = new Runnable[1];
		unsubscribe[0] = subscribe(scope, message -> {
			try {
				if (message == null) {
					emitter.send(SseEmitter.event().comment("heartbeat"));
					return;
				}
				String[] parts = message.split("\\|", 2);
				emitter.send(SseEmitter.event()
					.name("whistle")
					.data("{\"id\":\"" + parts[0] + "\",\"action\":\""
							+ (parts.length > 1 ? parts[1].replaceAll("[^a-z]", "") : "") + "\"}"));
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
	 * Passes a notification ("id|action|grid|police grid") to each subscriber whose scope
	 * covers the whistle, as "id|action". One failing subscriber must not stop the
	 * others, nor the listening thread.
	 */
	private void deliver(String notification) {
		String message = null;
		String grid = null;
		String policeGrid = null;
		if (notification != null) {
			String[] parts = notification.split("\\|", -1);
			message = parts[0] + "|" + (parts.length > 1 ? parts[1] : "");
			grid = parts.length > 2 && !parts[2].isEmpty() ? parts[2] : null;
			policeGrid = parts.length > 3 && !parts[3].isEmpty() ? parts[3] : null;
		}
		for (Subscriber subscriber : subscribers) {
			if (message != null && subscriber.scope() != null
					&& !WhistlePermissions.inScope(subscriber.scope(), grid, policeGrid)) {
				continue;
			}
			try {
				subscriber.sink().accept(message);
			}
			catch (RuntimeException e) {
				log.debug("A live-update subscriber failed: {}", e.getMessage());
			}
		}
	}

	private static String nullToEmpty(String s) {
		return s == null ? "" : s;
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
