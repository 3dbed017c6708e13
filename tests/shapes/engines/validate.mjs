// Validate an N-Triples data file against a Turtle shapes file with rdf-validate-shacl
// (SHACL Core, JavaScript) and print one JSON object per result: the focus node, the named
// shape it comes from (a property shape is reported as the node shape that holds it, since
// blank-node names differ between engines) and the severity.
import rdf from '@zazuko/env-node'
import SHACLValidator from 'rdf-validate-shacl'

const SH = 'http://www.w3.org/ns/shacl#'
const [shapesFile, dataFile] = process.argv.slice(2)
const shapes = await rdf.dataset().import(rdf.fromFile(shapesFile))
const data = await rdf.dataset().import(rdf.fromFile(dataFile))

function named (shape) {
  let node = shape
  for (let hops = 0; node && node.termType === 'BlankNode' && hops < 10; hops++) {
    const parents = [...shapes.match(null, rdf.namedNode(SH + 'property'), node)]
    node = parents.length ? parents[0].subject : null
  }
  return node ? node.value : null
}

const report = await new SHACLValidator(shapes, { factory: rdf }).validate(data)
for (const result of report.results) {
  console.log(JSON.stringify({
    focus: result.focusNode.value,
    shape: named(result.sourceShape),
    severity: result.severity.value.replace(SH, '')
  }))
}
