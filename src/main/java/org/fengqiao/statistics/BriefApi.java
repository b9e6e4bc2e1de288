package org.fengqiao.statistics;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.fengqiao.organisation.DataScopes;
import org.fengqiao.platform.DomainException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The monthly brief as a download (.xlsx or PDF), at once for one area or as a background
 * job with progress for an area and all its townships.
 */
@RestController
@Tag(name = "briefs", description = "Statistics: the monthly brief (月度简报) as Excel or PDF")
class BriefApi {

	static final MediaType XLSX = MediaType
		.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

	/** What a brief job is asked to make. */
	@Schema(name = "BriefJobRequest")
	record JobRequest(
			@Schema(description = "a division, grid, police station or police grid code; the county when absent",
					example = "610824") @Size(max = 20) String area,
			@Schema(description = "YYYY-MM", example = "2025-11") @NotBlank @Size(max = 20) String month,
			@Schema(description = "xlsx or pdf", example = "xlsx") @NotBlank @Size(max = 10) String format) {
	}

	/** How far a brief job is. */
	@Schema(name = "BriefJobStatus")
	record JobStatus(String id, @Schema(description = "QUEUED, RUNNING, DONE or FAILED") String state,
			@Schema(description = "areas done") int progress, @Schema(description = "areas to do") int total,
			String area, String month, String format,
			@Schema(description = "where to download the file once DONE; null before") String downloadUrl,
			@Schema(description = "why it failed; null unless FAILED") String error) {

		static JobStatus of(BriefJobs.Job job) {
			return new JobStatus(job.id, job.state.name(), job.progress.get(), job.total, job.area, job.month,
					job.format,
					job.state == BriefJobs.State.DONE ? "/api/v1/briefs/monthly/jobs/" + job.id + "/file" : null,
					job.state == BriefJobs.State.FAILED ? "the brief could not be made" : null);
		}

	}

	private final MonthlyBriefs briefs;

	private final BriefDocuments documents;

	private final BriefJobs jobs;

	private final DataScopes scopes;

	BriefApi(MonthlyBriefs briefs, BriefDocuments documents, BriefJobs jobs, DataScopes scopes) {
		this.briefs = briefs;
		this.documents = documents;
		this.jobs = jobs;
		this.scopes = scopes;
	}

	@GetMapping("/api/v1/briefs/monthly")
	@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200",
			description = "the brief as a workbook or a PDF",
			content = {
					@io.swagger.v3.oas.annotations.media.Content(
							mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
							schema = @Schema(type = "string", format = "binary")),
					@io.swagger.v3.oas.annotations.media.Content(mediaType = "application/pdf",
							schema = @Schema(type = "string", format = "binary")) })
	@Operation(summary = "The monthly brief of an area: the month and the year to date, year on year, as .xlsx or PDF")
	ResponseEntity<byte[]> monthly(
			@Parameter(description = "a division, grid, police station or police grid code; the county when absent",
					example = "610824") @RequestParam(required = false) String area,
			@Parameter(description = "YYYY-MM, not in the future", example = "2025-11") @RequestParam String month,
			@Parameter(description = "xlsx or pdf", example = "xlsx") @RequestParam String format) {
		String kind = format(format);
		MonthlyBriefs.Brief brief = briefs.brief(area, month, scopes.current());
		var list = java.util.List.of(brief);
		return file("pdf".equals(kind) ? documents.pdf(list) : documents.xlsx(list), kind,
				fileName(brief, kind, false));
	}

	@PostMapping("/api/v1/briefs/monthly/jobs")
	@Operation(summary = "Start making a brief in the background (with all=true: the area and each of its townships)")
	ResponseEntity<JobStatus> start(@Valid @RequestBody JobRequest request, @Parameter(
			description = "also one brief per township of the area") @RequestParam(defaultValue = "false") boolean all,
			Principal principal) {
		BriefJobs.Job job = jobs.start(principal.getName(), request.area(), request.month(), request.format(), all,
				scopes.current());
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.location(java.net.URI.create("/api/v1/briefs/monthly/jobs/" + job.id))
			.body(JobStatus.of(job));
	}

	@GetMapping("/api/v1/briefs/monthly/jobs/{id}")
	@Operation(summary = "How far a brief job of yours is")
	JobStatus job(@PathVariable String id, Principal principal) {
		return JobStatus.of(jobs.get(id, principal.getName()));
	}

	@GetMapping("/api/v1/briefs/monthly/jobs/{id}/file")
	@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200",
			description = "the job's workbook or PDF",
			content = {
					@io.swagger.v3.oas.annotations.media.Content(
							mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
							schema = @Schema(type = "string", format = "binary")),
					@io.swagger.v3.oas.annotations.media.Content(mediaType = "application/pdf",
							schema = @Schema(type = "string", format = "binary")) })
	@Operation(summary = "The file of a finished brief job of yours")
	ResponseEntity<byte[]> jobFile(@PathVariable String id, Principal principal) {
		BriefJobs.Job job = jobs.get(id, principal.getName());
		if (job.state != BriefJobs.State.DONE) {
			throw new DomainException(DomainException.Kind.CONFLICT, "brief-job-not-done",
					"the brief job is " + job.state + ", not done", Map.of("state", job.state.name()));
		}
		return file(job.file, job.format, job.fileName);
	}

	/** The format asked for: xlsx or pdf, else a 400. */
	static String format(String format) {
		String f = format == null ? "" : format.strip().toLowerCase(java.util.Locale.ROOT);
		if (!f.equals("xlsx") && !f.equals("pdf")) {
			String shown = f.length() > 10 ? f.substring(0, 10) : f;
			throw new DomainException(DomainException.Kind.INVALID, "bad-format", "format must be xlsx or pdf",
					Map.of("format", shown, "valid", "xlsx|pdf"));
		}
		return f;
	}

	/** 简报-610824-2025-11.xlsx; with the townships 简报-610824-2025-11-各镇.xlsx. */
	static String fileName(MonthlyBriefs.Brief brief, String format, boolean all) {
		return "简报-" + brief.areaCode() + "-" + brief.month() + (all ? "-各镇" : "") + "." + format;
	}

	private static ResponseEntity<byte[]> file(byte[] bytes, String format, String name) {
		return ResponseEntity.ok()
			.contentType("pdf".equals(format) ? MediaType.APPLICATION_PDF : XLSX)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8).build().toString())
			.body(bytes);
	}

}
