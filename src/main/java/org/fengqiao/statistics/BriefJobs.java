package org.fengqiao.statistics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.fengqiao.geo.GridDirectory;
import org.fengqiao.organisation.DataScope;
import org.fengqiao.platform.DomainException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Component;

/**
 * Monthly briefs made in the background, with progress: one area, or (with {@code all})
 * the area and every township within it that the caller may see, one sheet or section
 * each. Runs on Spring's application task executor. A job is seen only by the account
 * that started it, and kept (with its file) for {@link #KEPT} after it was started; jobs
 * live in this node's memory, so they are lost on a restart.
 */
@Component
class BriefJobs {

	private static final Logger log = LoggerFactory.getLogger(BriefJobs.class);

	/** How long a job and its file are kept. */
	static final Duration KEPT = Duration.ofHours(2);

	/** Most jobs kept per account. */
	static final int MAX_PER_ACCOUNT = 20;

	enum State {

		QUEUED, RUNNING, DONE, FAILED

	}

	/** A job: who started it, what it makes, how far it is. */
	static final class Job {

		final String id;

		final String owner;

		final String area;

		final String month;

		final String format;

		final Instant started;

		final AtomicInteger progress = new AtomicInteger();

		volatile int total;

		volatile State state = State.QUEUED;

		volatile byte[] file;

		volatile String fileName;

		volatile String error;

		Job(String id, String owner, String area, String month, String format, Instant started) {
			this.id = id;
			this.owner = owner;
			this.area = area;
			this.month = month;
			this.format = format;
			this.started = started;
		}

	}

	private final Map<String, Job> jobs = new ConcurrentHashMap<>();

	private final MonthlyBriefs briefs;

	private final BriefDocuments documents;

	private final GridDirectory directory;

	private final TaskExecutor executor;

	private final Clock clock;

	BriefJobs(MonthlyBriefs briefs, BriefDocuments documents, GridDirectory directory,
			@Qualifier("applicationTaskExecutor") TaskExecutor executor, Clock clock) {
		this.briefs = briefs;
		this.documents = documents;
		this.directory = directory;
		this.executor = executor;
		this.clock = clock;
	}

	/**
	 * Starts a job after checking its input as the synchronous brief does (400, 403), so
	 * that a job fails only for reasons of the server.
	 */
	Job start(String owner, String area, String month, String format, boolean all, DataScope scope) {
		forget();
		String kind = BriefApi.format(format);
		MonthlyBriefs.Brief first = briefs.brief(area, month, scope);
		List<String> areas = new ArrayList<>();
		areas.add(first.areaCode());
		if (all) {
			directory.divisions()
				.stream()
				.filter(d -> "TOWNSHIP".equals(d.level()) && d.code().startsWith(first.areaCode())
						&& !d.code().equals(first.areaCode()) && scope.covers(d.code()))
				.map(GridDirectory.DivisionInfo::code)
				.sorted()
				.forEach(areas::add);
		}
		long mine = jobs.values().stream().filter(j -> j.owner.equals(owner)).count();
		if (mine >= MAX_PER_ACCOUNT) {
			throw new DomainException(DomainException.Kind.CONFLICT, "too-many-brief-jobs", "you have " + mine
					+ " brief jobs; wait until older ones are forgotten after " + KEPT.toHours() + " hours");
		}
		Job job = new Job(UUID.randomUUID().toString(), owner, first.areaCode(), first.month(), kind, clock.instant());
		job.total = areas.size();
		jobs.put(job.id, job);
		executor.execute(() -> run(job, first, areas, scope));
		return job;
	}

	private void run(Job job, MonthlyBriefs.Brief first, List<String> areas, DataScope scope) {
		job.state = State.RUNNING;
		try {
			List<MonthlyBriefs.Brief> made = new ArrayList<>();
			made.add(first);
			job.progress.incrementAndGet();
			for (String area : areas.subList(1, areas.size())) {
				made.add(briefs.brief(area, job.month, scope));
				job.progress.incrementAndGet();
			}
			job.file = "pdf".equals(job.format) ? documents.pdf(made) : documents.xlsx(made);
			job.fileName = BriefApi.fileName(first, job.format, areas.size() > 1);
			job.state = State.DONE;
		}
		catch (RuntimeException e) {
			log.warn("Brief job {} failed", job.id, e);
			job.error = e.getMessage();
			job.state = State.FAILED;
		}
	}

	/** The caller's job; another account's is as unknown as a job that never was. */
	Job get(String id, String owner) {
		Job job = jobs.get(id);
		if (job == null || !job.owner.equals(owner)) {
			throw DomainException.notFound("brief-job-not-found", "no brief job " + shorten(id));
		}
		return job;
	}

	private static String shorten(String id) {
		return id == null ? "" : id.length() > 40 ? id.substring(0, 40) : id;
	}

	/** Drops jobs older than {@link #KEPT}. */
	private void forget() {
		Instant limit = clock.instant().minus(KEPT);
		jobs.values().removeIf(j -> j.started.isBefore(limit));
	}

}
