package org.fengqiao.dispatch;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live updates of whistles across all application nodes: the transaction that changes a whistle sends a
 * PostgreSQL NOTIFY, delivered when it commits; every node LISTENs on its own connection and passes each notification to its subscribers
 * (the command centre's server-sent event streams). Two nodes on one database therefore show the same changes.
 */
@Component
class LiveUpdates implements SmartLifecycle {

	static final String CHANNEL = "fengqiao_whistles";

	private static final Logger log = LoggerFactory.getLogger(LiveUpdates.class);

	private final JdbcClient jdbc;

	private final DataSource dataSource;

	private final List<Consumer<String>> subscribers = new CopyOnWriteArrayList<>();

	private volatile boolean running;

	private Thread listener;

	LiveUpdates(JdbcClient jdbc, DataSource dataSource) {
		this.jdbc = jdbc;
		this.dataSource = dataSource;
	}

	/**
	 * NOTIFY inside the transaction that made the change: PostgreSQL delivers it only when that transaction commits
	 * (and drops it on rollback), on the same connection. An after-commit listener would need a second connection
	 * per request, which starves the pool under load.
	 */
	@org.springframework.context.event.EventListener
	void on(WhistleChanged change) {
		try {
			jdbc.sql("select pg_notify(?, ?)").params(CHANNEL, change.whistleId() + "|" + change.action())
				.query((rs, n) -> 1).list();
		}
		catch (RuntimeException e) {
			log.warn("Could not announce a whistle change: {}", e.getMessage());
		}
	}

	/** Registers a subscriber for "whistle id|action" messages; returns a handle to remove it. */
	Runnable subscribe(Consumer<String> subscriber) {
		subscribers.add(subscriber);
		return () -> subscribers.remove(subscriber);
	}

	/** A server-sent event stream of whistle changes for a browser. */
	SseEmitter stream() {
		SseEmitter emitter = new SseEmitter(30L * 60 * 1000);
		Runnable[] unsubscribe = new Runnable[1];
		unsubscribe[0] = subscribe(message -> {
			try {
				if (message == null) {
					emitter.send(SseEmitter.event().comment("heartbeat"));
					return;
				}
				String[] parts = message.split("\\|", 2);
				emitter.send(SseEmitter.event().name("whistle").data("{\"id\":\"" + parts[0] + "\",\"action\":\""
						+ (parts.length > 1 ? parts[1].replaceAll("[^a-z]", "") : "") + "\"}"));
			}
			catch (IOException | IllegalStateException e) {
				unsubscribe[0].run();
			}
		});
		try {
			// Sent at once, so the browser knows the stream is open before the first change.
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

	/** One failing subscriber must not stop the others, nor the listening thread. */
	private void deliver(String message) {
		for (Consumer<String> subscriber : subscribers) {
			try {
				subscriber.accept(message);
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
						// Keeps idle streams open through proxies; subscribers treat null as a heartbeat.
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
