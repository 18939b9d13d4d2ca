# One-off: how dev.yaml, test.yaml and SOURCES.md were made from the researchers' incoming files
# (python3 split.py incoming .). Kept as the record of the split; the incoming files are not kept.
"""Split the incoming real-advert files once, by source family, into dev.yaml and test.yaml.
A family is the source key's first word (privacyaffairs-2022 and -2023 share one), so near-identical
rows of one publisher never straddle the split. Seeded greedy assignment: families in a seeded
random order go to whichever split is further below half of that language's entries."""
import yaml, random, collections, sys, re
src_dir = sys.argv[1]
files = ['en.yaml', 'zh-news.yaml', 'zh-market.yaml']
entries = []
for f in files:
    d = yaml.safe_load(open(f'{src_dir}/{f}'))
    entries += d['adverts']
fam = lambda e: e['src'].split('-')[0]
by_lang_fam = collections.defaultdict(list)
for e in entries:
    by_lang_fam[(e['lang'], fam(e))].append(e)
rng = random.Random(20261201)
split = {}
for lang in sorted({k[0] for k in by_lang_fam}):
    fams = sorted(k for k in by_lang_fam if k[0] == lang)
    rng.shuffle(fams)
    fams.sort(key=lambda k: -len(by_lang_fam[k]))  # big first, ties in shuffled order
    n = {'dev': 0, 'test': 0}
    for k in fams:
        s = 'dev' if n['dev'] <= n['test'] else 'test'
        split[k] = s
        n[s] += len(by_lang_fam[k])
    print(lang, n)
out = {'dev': [], 'test': []}
for e in entries:
    out[split[(e['lang'], fam(e))]].append(e)
for s, es in out.items():
    print(s, len(es), collections.Counter(e['lang'] for e in es), sorted({fam(e) for e in es}))

header = {
 'dev': "# Real-advert corpus, DEV split: tune the normaliser on these. See README.md (format, rules) and SOURCES.md.\n",
 'test': "# Real-advert corpus, TEST split: report on these; fix a failure here only by a rule a dev case also needs,\n# and move that case to dev.yaml (say so in the commit). See README.md and SOURCES.md.\n",
}
class D(yaml.SafeDumper):
    pass
def flow_offer(dumper, data):
    return dumper.represent_mapping('tag:yaml.org,2002:map', data, flow_style=True)
for s, es in out.items():
    with open(f'{sys.argv[2]}/{s}.yaml', 'w') as fh:
        fh.write(header[s])
        fh.write('defaults: {source: other, posted_at: "2015-01-10"}\nadverts:\n')
        for e in es:
            e = dict(e)
            exp = e.pop('expect', None)
            body = yaml.dump([e], Dumper=D, allow_unicode=True, sort_keys=False, width=1000)
            fh.write(body)
            if exp is not None:
                fh.write('  expect:\n')
                for o in exp:
                    fh.write('  - ' + yaml.dump(o, Dumper=D, allow_unicode=True, sort_keys=False, width=1000, default_flow_style=True).strip() + '\n')
# sources: one file, each section tagged with its split
secs = {}
for f in ['en-SOURCES.md', 'zh-news-SOURCES.md', 'zh-market-SOURCES.md']:
    cur = None
    for line in open(f'{src_dir}/{f}'):
        m = re.match(r'^## +(\S+)', line)
        if m:
            cur = m.group(1); secs[cur] = [line]
        elif cur:
            secs[cur].append(line)
used = {e['src']: split[(e['lang'], fam(e))] for e in entries}
missing = sorted(set(used) - set(secs))
assert not missing, missing
with open(f'{sys.argv[2]}/SOURCES.md', 'w') as fh:
    fh.write('# Sources of the real-advert corpus\n\nOne section per source key (the `src` of each entry), with the split its family went to.\n'
             'Entries were copied verbatim from these public sources in December 2026 (read through stored copies: the\n'
             'locator says where). Nothing here is leaked data: the adverts are public text about goods on sale.\n\n')
    for k in sorted(used):
        lines = secs[k]
        fh.write(lines[0].rstrip() + f'  ({used[k]})\n')
        fh.writelines(lines[1:])
        if not lines[-1].endswith('\n\n'):
            fh.write('\n')
