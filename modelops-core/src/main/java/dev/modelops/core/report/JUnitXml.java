package dev.modelops.core.report;

import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML in the Surefire report format, which Jenkins's {@code junit} step lists as tests and
 * trends across builds. Gates and drift checks are written as test suites so a team sees them
 * where it already looks at test results; a FAIL is a {@code <failure>} (the build goes
 * unstable), a warning or an inconclusive check a {@code <skipped>} (shown, not failing).
 */
public final class JUnitXml {
    private JUnitXml() {
    }

    /** How a test case ended. */
    public enum Outcome {
        PASSED,
        FAILED,
        SKIPPED
    }

    /**
     * One test case.
     *
     * @param classname dotted group, stable across builds so Jenkins can trend it
     * @param name the case's name
     * @param outcome how it ended
     * @param message the failure or skip message (one line)
     * @param failureType the failure's type attribute (failures only)
     * @param failureText the failure's body (failures only), or null for the message
     * @param systemOut text for {@code <system-out>}, or null
     */
    public record TestCase(String classname, String name, Outcome outcome, String message, String failureType,
                           String failureText, String systemOut) {
    }

    /** The suite as an XML document. */
    public static String render(String suiteName, Map<String, String> properties, List<TestCase> cases) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuite");
            x.writeAttribute("name", suiteName);
            x.writeAttribute("tests", String.valueOf(cases.size()));
            x.writeAttribute("failures", String.valueOf(count(cases, Outcome.FAILED)));
            x.writeAttribute("errors", "0");
            x.writeAttribute("skipped", String.valueOf(count(cases, Outcome.SKIPPED)));
            x.writeAttribute("time", "0");
            x.writeCharacters("\n  ");
            x.writeStartElement("properties");
            for (Map.Entry<String, String> p : properties.entrySet()) {
                x.writeCharacters("\n    ");
                x.writeEmptyElement("property");
                x.writeAttribute("name", p.getKey());
                x.writeAttribute("value", p.getValue() == null ? "" : p.getValue());
            }
            x.writeCharacters("\n  ");
            x.writeEndElement();
            for (TestCase c : cases) {
                writeCase(x, c);
            }
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write JUnit XML: " + e.getMessage(), e);
        }
        return out.toString();
    }

    private static void writeCase(XMLStreamWriter x, TestCase c) throws XMLStreamException {
        x.writeCharacters("\n  ");
        x.writeStartElement("testcase");
        x.writeAttribute("name", c.name());
        x.writeAttribute("classname", c.classname());
        x.writeAttribute("time", "0");
        if (c.outcome() == Outcome.FAILED) {
            x.writeCharacters("\n    ");
            x.writeStartElement("failure");
            x.writeAttribute("message", nonNull(c.message()));
            x.writeAttribute("type", c.failureType() == null ? "failure" : c.failureType());
            x.writeCharacters(c.failureText() == null || c.failureText().isEmpty() ? nonNull(c.message()) : c.failureText());
            x.writeEndElement();
        } else if (c.outcome() == Outcome.SKIPPED) {
            x.writeCharacters("\n    ");
            x.writeStartElement("skipped");
            x.writeAttribute("message", nonNull(c.message()));
            x.writeEndElement();
        }
        if (c.systemOut() != null) {
            x.writeCharacters("\n    ");
            x.writeStartElement("system-out");
            x.writeCharacters(c.systemOut());
            x.writeEndElement();
        }
        x.writeCharacters("\n  ");
        x.writeEndElement();
    }

    private static long count(List<TestCase> cases, Outcome outcome) {
        return cases.stream().filter(c -> c.outcome() == outcome).count();
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
