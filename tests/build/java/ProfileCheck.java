import java.io.File;
import java.util.Set;
import java.util.TreeSet;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyManager;
import org.semanticweb.owlapi.profiles.OWL2DLProfile;
import org.semanticweb.owlapi.profiles.OWL2ELProfile;
import org.semanticweb.owlapi.profiles.OWL2RLProfile;
import org.semanticweb.owlapi.profiles.OWLProfile;
import org.semanticweb.owlapi.profiles.OWLProfileReport;
import org.semanticweb.owlapi.profiles.OWLProfileViolation;

/** Checks an OWL file against an OWL 2 profile (EL, RL or DL) with the OWL API; prints one violation per line. */
public final class ProfileCheck {
    public static void main(String[] args) throws Exception {
        OWLOntologyManager manager = OWLManager.createOWLOntologyManager();
        OWLOntology ontology = manager.loadOntologyFromOntologyDocument(new File(args[1]));
        OWLProfile profile = args[0].equals("EL") ? new OWL2ELProfile()
            : args[0].equals("RL") ? new OWL2RLProfile() : new OWL2DLProfile();
        OWLProfileReport report = profile.checkOntology(ontology);
        Set<String> lines = new TreeSet<String>();
        for (OWLProfileViolation violation : report.getViolations()) {
            lines.add(violation.toString().replace('\n', ' '));
        }
        for (String line : lines) {
            System.out.println(line);
        }
        System.err.println(lines.size() + " violations");
    }
}
