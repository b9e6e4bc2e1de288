package org.fengqiao.mediation;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.AbstractConfigurableTemplateResolver;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.thymeleaf.templateresolver.UrlTemplateResolver;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Renders a dispute's documents from Thymeleaf templates: XHTML laid out with CSS and
 * turned into PDF by openhtmltopdf (docs/adr/0003-documents-as-templates.md).
 * <ul>
 * <li>{@link #agreement} — the written people's mediation agreement (人民调解协议书),
 * {@code agreement.html}. Its contents follow the People's Mediation Law (人民调解法, 2010)
 * art. 29: the parties' basic particulars; the main facts of the dispute and the matters
 * in dispute; what the parties agreed, and how and by when it is to be performed. It
 * carries the statutory clauses on copies (one each for the parties and the committee),
 * on taking effect once signed (or fingerprinted) by the parties, signed by the mediator
 * and sealed by the committee (art. 29), and on applying jointly to a people's court for
 * judicial confirmation within thirty days (art. 33), followed by the signature and seal
 * places.</li>
 * <li>{@link #archive} — the one-file case archive (一案一卷), {@code archive.html}: cover,
 * contents, registration, parties, handling history, mediation sessions, agreement and
 * judicial confirmation, follow-up visits, and the written agreement itself as the last
 * section; one bookmark per section.</li>
 * <li>{@link #zip} — both PDFs and the plain-text summary {@code summary.txt} in one
 * zip.</li>
 * </ul>
 * The templates are looked up first under {@code fengqiao.mediation.documents.location}
 * (a {@code classpath:} location or a URL, e.g. {@code file:/etc/fengqiao/documents/}),
 * so that a county adapts the wording without Java, then among the bundled ones
 * ({@value #BUNDLED}). Templates from the configured location are read again for every
 * document; the bundled ones are parsed once. A template sees two variables:
 * {@code file}, the {@link CaseFile}, and {@code fmt}, the {@link Formats} for dates,
 * amounts and missing values. Text is set in the bundled Droid Sans Fallback (CJK only:
 * it has no digits, Latin letters or signs such as "—" and "_"), falling back per
 * character to Liberation Sans; both are embedded as subsets, so the documents read the
 * same on any viewer.
 */
@Component
class CaseDocuments {

	/** Where the bundled templates lie. */
	static final String BUNDLED = "classpath:/templates/mediation/documents/";

	/** The font families the templates' CSS names. */
	static final String CJK_FAMILY = "Droid Sans Fallback";

	static final String LATIN_FAMILY = "Liberation Sans";

	private static final String CJK_FONT = "fonts/DroidSansFallbackFull.ttf";

	private static final String LATIN_FONT = "fonts/LiberationSans-Regular.ttf";

	private final SpringTemplateEngine templates = new SpringTemplateEngine();

	private final Formats formats = new Formats();

	private volatile Fonts fonts;

	CaseDocuments(@Value("${fengqiao.mediation.documents.location:" + BUNDLED + "}") String location) {
		int order = 1;
		String own = location == null || location.isBlank() ? BUNDLED
				: location.endsWith("/") ? location : location + "/";
		if (!own.equals(BUNDLED)) {
			templates.addTemplateResolver(resolver(own, false, order++));
		}
		templates.addTemplateResolver(resolver(BUNDLED, true, order));
	}

	/**
	 * The written mediation agreement; refuses a case without one (an oral agreement is
	 * recorded, not issued).
	 */
	byte[] agreement(CaseFile c) {
		if (!c.hasWrittenAgreement()) {
			throw new IllegalArgumentException("Case " + c.trackingCode() + " has no written agreement");
		}
		return pdf(render("agreement.html", c));
	}

	/**
	 * The whole case file as one PDF: cover, contents, then one section per part of the
	 * file.
	 */
	byte[] archive(CaseFile c) {
		return pdf(render("archive.html", c));
	}

	/**
	 * Archive, written agreement (if any) and a UTF-8 summary, zipped; entry names are
	 * UTF-8.
	 */
	byte[] zip(CaseFile c) {
		var out = new ByteArrayOutputStream();
		try (var zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
			String code = formats.text(c.trackingCode());
			put(zip, "卷宗-" + code + ".pdf", archive(c));
			if (c.hasWrittenAgreement()) {
				put(zip, "调解协议书-" + code + ".pdf", agreement(c));
			}
			put(zip, "case.txt", render("summary.txt", c).getBytes(StandardCharsets.UTF_8));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return out.toByteArray();
	}

	/** A template filled in with the case file. */
	String render(String template, CaseFile c) {
		var context = new Context(java.util.Locale.SIMPLIFIED_CHINESE);
		context.setVariable("file", c);
		context.setVariable("fmt", formats);
		return templates.process(template, context);
	}

	private byte[] pdf(String xhtml) {
		Fonts f = fonts();
		var out = new ByteArrayOutputStream();
		var builder = new PdfRendererBuilder();
		builder.useFastMode();
		builder.withHtmlContent(xhtml, null);
		builder.useFont(() -> new ByteArrayInputStream(f.cjk()), CJK_FAMILY, 400, FontStyle.NORMAL, true);
		builder.useFont(() -> new ByteArrayInputStream(f.latin()), LATIN_FAMILY, 400, FontStyle.NORMAL, true);
		builder.toStream(out);
		try {
			builder.run();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return out.toByteArray();
	}

	private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
		zip.putNextEntry(new ZipEntry(name));
		zip.write(bytes);
		zip.closeEntry();
	}

	/**
	 * Templates under a location: {@code classpath:} ones from the class path, any other
	 * (e.g. {@code file:/etc/fengqiao/documents/}) as a URL. Names carry their extension,
	 * and {@code .txt} ones are plain text. With {@code checkExistence} a template
	 * missing here is looked for by the next resolver.
	 */
	private static AbstractConfigurableTemplateResolver resolver(String location, boolean cacheable, int order) {
		AbstractConfigurableTemplateResolver resolver;
		if (location.startsWith("classpath:")) {
			resolver = new ClassLoaderTemplateResolver(CaseDocuments.class.getClassLoader());
			resolver.setPrefix(location.substring("classpath:".length()).replaceFirst("^/", ""));
		}
		else {
			resolver = new UrlTemplateResolver();
			resolver.setPrefix(location);
		}
		resolver.setTemplateMode(TemplateMode.HTML);
		resolver.setTextTemplateModePatterns(Set.of("*.txt"));
		resolver.setCharacterEncoding("UTF-8");
		resolver.setCheckExistence(true);
		resolver.setCacheable(cacheable);
		resolver.setOrder(order);
		resolver.setName(location);
		return resolver;
	}

	/** The fonts' bytes, read once. */
	private Fonts fonts() {
		Fonts f = fonts;
		if (f == null) {
			f = new Fonts(read(CJK_FONT), read(LATIN_FONT));
			fonts = f;
		}
		return f;
	}

	private static byte[] read(String resource) {
		try (InputStream in = CaseDocuments.class.getClassLoader().getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException("Missing font on the classpath: " + resource);
			}
			return in.readAllBytes();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private record Fonts(byte[] cjk, byte[] latin) {
	}

}
