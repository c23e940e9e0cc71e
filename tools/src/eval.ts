// `npm run eval -- <part>`: a part's evaluation set, scored (today: `ai`, the assistant). Against
// the configured model endpoint when there is one, else the part's scripted stand-in.
const PARTS: Record<string, () => Promise<{ main(): Promise<number> }>> = {
  ai: () => import('../../subgraphs/ai/eval/main.ts'),
};

const part = process.argv[2];
const load = part ? PARTS[part] : undefined;
if (!load) {
  console.error(`usage: npm run eval -- <${Object.keys(PARTS).join('|')}>`);
  process.exit(2);
}
process.exitCode = await (await load()).main();
