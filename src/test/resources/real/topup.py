# One-off: how the top-up files (incoming/topup-zh.yaml, incoming/topup-en.yaml and their SOURCES)
# were added to dev.yaml, test.yaml and SOURCES.md (python3 topup.py incoming .). Kept as the
# record of the second split; the incoming files are not kept.
"""Add the top-up entries by source family, as split.py did. A top-up key is t-<lang>-<family>-...;
its family is the word after the language, except on the AWX news site (awx-...), whose articles
quote different shops and are families of their own (awx-<article>). Families that are another
year or a translation of a publisher already in the corpus go where that publisher went
(awx-pi2020 and awx-pi2021 are Chinese translations of Privacy Affairs' indices, which are in dev);
the other families are assigned, seeded, to whichever split of that language is further below
half of the top-up's entries."""
import yaml, random, collections, sys, re, os
src_dir, out_dir = sys.argv[1], sys.argv[2]
FIXED = {('zh', 'awx-pi2020'): 'dev', ('zh', 'awx-pi2021'): 'dev',
         # a reproduction of a 2023 dark-web price index, like privacyaffairs-2023 (dev)
         ('en', 'crowdstrike'): 'dev',
         # shops saved by the same crawler repository as the onion-* pages (test)
         ('en', 'bitcards'): 'test', ('en', 'imperialk'): 'test', ('en', 'sharksp'): 'test'}
entries, secs = [], {}
for lang in ['zh', 'en']:
    f = f'{src_dir}/topup-{lang}.yaml'
    if not os.path.exists(f):
        continue
    d = yaml.safe_load(open(f))
    for e in d['adverts']:
        for k, v in (d.get('defaults') or {}).items():
            if k not in e and v != {'source': 'other', 'posted_at': '2015-01-10'}.get(k):
                e[k] = v
        entries.append(e)
    cur = None
    for line in open(f'{src_dir}/topup-{lang}-SOURCES.md'):
        m = re.match(r'^## +(\S+)', line)
        if m:
            cur = m.group(1); secs[cur] = [line]
        elif cur:
            secs[cur].append(line)
fam = lambda e: '-'.join(e['src'].split('-')[2:4]) if e['src'].split('-')[2] == 'awx' else e['src'].split('-')[2]
by = collections.defaultdict(list)
for e in entries:
    by[(e['lang'], fam(e))].append(e)
rng = random.Random(20261202)
split = dict(FIXED)
for lang in sorted({k[0] for k in by}):
    n = {'dev': 0, 'test': 0}
    for k in by:
        if k[0] == lang and k in split:
            n[split[k]] += len(by[k])
    fams = sorted(k for k in by if k[0] == lang and k not in split)
    rng.shuffle(fams)
    fams.sort(key=lambda k: -len(by[k]))
    for k in fams:
        s = 'dev' if n['dev'] <= n['test'] else 'test'
        split[k] = s
        n[s] += len(by[k])
    print(lang, n)
existing = set()
for s in ['dev', 'test']:
    for e in yaml.safe_load(open(f'{out_dir}/{s}.yaml'))['adverts']:
        existing.add(e['id'])
ids = [e['id'] for e in entries]
assert len(ids) == len(set(ids)), 'duplicate ids in the top-up'
assert not (set(ids) & existing), sorted(set(ids) & existing)
class D(yaml.SafeDumper):
    pass
for s in ['dev', 'test']:
    with open(f'{out_dir}/{s}.yaml', 'a') as fh:
        for e in entries:
            if split[(e['lang'], fam(e))] != s:
                continue
            e = dict(e)
            exp = e.pop('expect', None)
            fh.write(yaml.dump([e], Dumper=D, allow_unicode=True, sort_keys=False, width=1000))
            if exp is not None:
                fh.write('  expect:\n')
                for o in exp:
                    fh.write('  - ' + yaml.dump(o, Dumper=D, allow_unicode=True, sort_keys=False, width=1000, default_flow_style=True).strip() + '\n')
used = {e['src']: split[(e['lang'], fam(e))] for e in entries}
missing = sorted(set(used) - set(secs))
assert not missing, missing
text = open(f'{out_dir}/SOURCES.md').read()
head, _, body = text.partition('\n## ')
old = {}
for chunk in ('## ' + body).split('\n## '):
    chunk = chunk if chunk.startswith('## ') else '## ' + chunk
    old[chunk.split()[1]] = chunk.rstrip('\n') + '\n\n'
for k in used:
    lines = secs[k]
    old[k] = lines[0].rstrip() + f'  ({used[k]})\n' + ''.join(lines[1:]).rstrip('\n') + '\n\n'
with open(f'{out_dir}/SOURCES.md', 'w') as fh:
    fh.write(head.rstrip('\n') + '\n\n')
    for k in sorted(old):
        fh.write(old[k])
print({s: sum(1 for e in entries if split[(e['lang'], fam(e))] == s) for s in ['dev', 'test']})
