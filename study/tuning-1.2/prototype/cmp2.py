#!/usr/bin/env python3
"""cmp2.py LABEL... : screening comparison (small sets 5 runs, mid 3, big 1); anchors read from results/ with the same runs."""
import sys, collections, os
labels = sys.argv[1:]
GROUPS = {'rs': 5, 'rm': 3, 'rb': 1}
SETS = {'rs': 'breast-cancer,contact-lenses,glass,ionosphere,iris,labor,vote,weather.nominal,weather.numeric,zoo'.split(','),
        'rm': 'credit-g,diabetes,soybean'.split(','), 'rb': 'satellite,segment-challenge,waveform-5000'.split(',')}
NEW = {'satellite', 'zoo'}
acc = {}; cpu = {}
for l in labels:
    a = collections.defaultdict(list); c = collections.defaultdict(float)
    for g, runs in GROUPS.items():
        p = f'{g}/{l}.tsv'
        src = p if os.path.exists(p) else f'results/{l}.tsv'
        if not os.path.exists(src): continue
        for line in open(src):
            f = line.split('\t')
            if f[0] not in SETS[g] or int(f[1]) > runs: continue
            a[f[0]].append(float(f[3])); c[f[0]] += float(f[6])
    acc[l] = {k: sum(v)/len(v) for k, v in a.items()}; cpu[l] = c
sets = sorted(s for g in SETS.values() for s in g)
w = max(9, max(len(l) for l in labels) + 1)
print('data set'.ljust(16) + ''.join(l[:w-1].rjust(w) for l in labels))
for s in sets:
    row = s[:15].ljust(16)
    for l in labels:
        v = acc[l].get(s); mark = ''
        b = acc[labels[0]].get(s)
        if v is not None and b is not None and l != labels[0] and abs(v - b) >= 1.0: mark = '+' if v > b else '-'
        row += ('-' if v is None else f'{v:.2f}{mark}').rjust(w)
    print(row)
def mean(l, ss):
    v = [acc[l][s] for s in ss if s in acc[l]]
    return sum(v)/len(v) if len(v) == len(ss) else float('nan')
s14 = [s for s in sets if s not in NEW]
dev = [s for s in s14 if s not in ('satellite', 'segment-challenge', 'waveform-5000')]
print('meanDev12'.ljust(16) + ''.join(f'{mean(l, dev):.2f}'.rjust(w) for l in labels))
print('meanDev11-wnum'.ljust(16) + ''.join(f'{mean(l, [s for s in dev if s != "weather.numeric"]):.2f}'.rjust(w) for l in labels))
print('mean14'.ljust(16) + ''.join(f'{mean(l, s14):.2f}'.rjust(w) for l in labels))
print('mean16'.ljust(16) + ''.join(f'{mean(l, sets):.2f}'.rjust(w) for l in labels))
# cpu per pass: divide each data set's cpu by its runs, sum
def cpupass(l, ss):
    t = 0
    for g, runs in GROUPS.items():
        for s in SETS[g]:
            if s in ss: t += cpu[l].get(s, float('nan')) / runs
    return t
print('cpuDev'.ljust(16) + ''.join(f'{cpupass(l, dev):.1f}'.rjust(w) for l in labels))
print('cpu/pass14'.ljust(16) + ''.join(f'{cpupass(l, s14):.1f}'.rjust(w) for l in labels))
print('ratio14'.ljust(16) + ''.join(f'{cpupass(l, s14)/cpupass(labels[0], s14):.2f}'.rjust(w) for l in labels))
print('cpu/pass16'.ljust(16) + ''.join(f'{cpupass(l, sets):.1f}'.rjust(w) for l in labels))
