package org.fengqiao.mediation;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Rough timing of the documents (not a test, no assertion): run its main from the test
 * classpath; with a folder as argument it also writes the two PDFs there to look at.
 * Figures in docs/adr/0003-documents-as-templates.md.
 */
class DocumentsBenchmark {

	public static void main(String[] args) throws Exception {
		var documents = new CaseDocuments(CaseDocuments.BUNDLED);
		var file = DocumentsTests.caseFile(DocumentsTests.written());
		for (String kind : new String[] { "agreement", "archive" }) {
			long first = System.nanoTime();
			byte[] pdf = kind.equals("agreement") ? documents.agreement(file) : documents.archive(file);
			first = System.nanoTime() - first;
			if (args.length > 0) {
				Files.write(Path.of(args[0], kind + ".pdf"), pdf);
			}
			for (int i = 0; i < 20; i++) {
				pdf = kind.equals("agreement") ? documents.agreement(file) : documents.archive(file);
			}
			int n = 50;
			long t = System.nanoTime();
			for (int i = 0; i < n; i++) {
				pdf = kind.equals("agreement") ? documents.agreement(file) : documents.archive(file);
			}
			t = System.nanoTime() - t;
			System.out.printf("%s: first %.0f ms, then %.1f ms each (%d runs), %d bytes%n", kind, first / 1e6,
					t / 1e6 / n, n, pdf.length);
		}
	}

}
