#!/usr/bin/env python3
"""Compares the evaluator's `switch` exhaustiveness errors with swiftc's on random switches.

    scripts/switch-coverage-fuzz.py SEED COUNT     (after `swift build`; not run by CI)

Writes one Swift file (each switch in a `do` block) for `swiftc -typecheck` and one notebook
(one switch per cell) for the debug `nbrun`, then compares, per switch, the error and its
notes ("add missing case: ..."). Prints the switches that differ.
"""
import random, sys, subprocess, re, os, tempfile
NBRUN = os.environ.get("NBRUN", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".build", "debug", "nbrun"))
os.chdir(tempfile.mkdtemp(prefix="switchcov"))
seed=int(sys.argv[1]); n=int(sys.argv[2])
rnd=random.Random(seed)
DECLS='''enum C { case a, b, c }
enum P { case x(a: Int, b: Bool), y(C), z }
enum R { case one, two(C, Bool) }'''
TYPES={'Bool':'true','Int':'1','C':'C.a','C?':'nil','Bool?':'nil','(C, Bool)':'(C.a, true)',
 '(Bool, Bool, Bool)':'(true, true, false)','(C, C)':'(C.a, C.b)','P':'P.z','P?':'nil','(P, Bool)':'(P.z, true)',
 'R':'R.one','(R, C?)':'(R.one, nil)','(x: Bool, y: C)':'(x: true, y: C.a)',
 'R?':'nil','(Bool, C)?':'nil','(P?, Bool)':'(nil, true)'}
def pat(t, d=0):
    r=rnd.random()
    if r<0.12 or d>3: return '_'
    if t=='Bool': return rnd.choice(['true','false'])
    if t=='Int': return rnd.choice(['1','2'])
    if t=='C': return rnd.choice(['.a','.b','.c'])
    if t.endswith('?'):
        w=t[:-1]
        if w.startswith('(') : w=w[1:-1]
        c=rnd.random()
        if c<0.25: return 'nil'
        if c<0.45: return '.some(%s)'%pat(w,d+1)
        if c<0.6: return '.none'
        if c<0.8 and w in('C','P'): return pat(w,d+1) if rnd.random()<0.5 else pat(w,d+1)+'?'
        p=pat(w,d+1)
        return p+'?' if p!='_' else '_?'
    if t=='P':
        c=rnd.random()
        if c<0.35: 
            if rnd.random()<0.3: return '.x(a: %s, b: %s)'%(pat('Int',d+1),pat('Bool',d+1))
            return '.x(%s, %s)'%(pat('Int',d+1),pat('Bool',d+1))
        if c<0.45: return '.x'
        if c<0.7: return '.y(%s)'%pat('C',d+1)
        if c<0.8: return '.y'
        return '.z'
    if t=='R':
        c=rnd.random()
        if c<0.3: return '.one'
        if c<0.4: return '.two'
        return '.two(%s, %s)'%(pat('C',d+1),pat('Bool',d+1))
    if t.startswith('('):
        inner=t[1:-1]
        parts=[]; depth=0; cur=''
        for ch in inner:
            if ch in '([': depth+=1
            if ch in ')]': depth-=1
            if ch==',' and depth==0: parts.append(cur.strip()); cur=''
            else: cur+=ch
        parts.append(cur.strip())
        parts=[p.split(': ')[-1] for p in parts]
        return '('+', '.join(pat(p,d+1) for p in parts)+')'
    return '_'
cases=[]
for i in range(n):
    t=rnd.choice(list(TYPES))
    k=rnd.randint(1,4)
    body=[]
    for j in range(k):
        ps=[pat(t)]
        if rnd.random()<0.2: ps.append(pat(t))
        w=' where flag' if rnd.random()<0.1 else ''
        body.append('case %s%s: print(%d)'%(', '.join(ps),w,j))
    cases.append((t,body))
# swift file
lines=[DECLS,'let flag = true']
lmap={}
for i,(t,body) in enumerate(cases):
    lines.append('do {')
    lines.append('  let v%d: %s = %s'%(i,t,TYPES[t]))
    lmap[len('\n'.join(lines).split('\n'))+1]=i
    lines.append('  switch v%d {'%i)
    lines += ['  '+b for b in body]
    lines.append('  }')
    lines.append('}')
open('s.swift','w').write('\n'.join(lines)+'\n')
md=['# cov','','```swift']+DECLS.split('\n')+['let flag = true','```','']
cmap={}
for i,(t,body) in enumerate(cases):
    md.append('```swift')
    md.append('let v%d: %s = %s'%(i,t,TYPES[t]))
    cmap[len(md)+1]=i
    md.append('switch v%d {'%i)
    md += body
    md.append('}')
    md.append('```')
    md.append('')
open('cov.md','w').write('\n'.join(md)+'\n')
def parse(text, fname, m):
    res={}
    cur=None
    for line in text.split('\n'):
        mm=re.match(r'^(?:\S*/)?'+re.escape(fname)+r':(\d+):\d+: error: (.*)$', line)
        if mm:
            ln=int(mm.group(1)); cur=m.get(ln, ('line',ln))
            res.setdefault(cur,[]).append('E '+mm.group(2)); continue
        if re.match(r'^\S+:\d+:\d+: warning', line): cur=None; continue
        mm=re.search(r'note: (.*)$', line)
        if '- error:' in line: continue
        if mm and cur is not None: res[cur].append('N '+mm.group(1))
    return res
sw=subprocess.run(['swiftc','-typecheck','s.swift'],capture_output=True,text=True).stderr
nb=subprocess.run([NBRUN,'cov.md'],capture_output=True,text=True).stderr
A=parse(sw,'s.swift',lmap); B=parse(nb,'cov.md',cmap)
bad=0
for i in range(n):
    a=[x for x in A.get(i,[]) ]; b=B.get(i,[])
    if a!=b:
        bad+=1
        print('--- case',i, cases[i][0]); print('\n'.join(cases[i][1])); print(' swift:',a); print(' nbrun:',b)
for k in A:
    if not isinstance(k,int): print('unmapped swift', k, A[k])
for k in B:
    if not isinstance(k,int): print('unmapped nbrun', k, B[k])
print('differ:',bad,'of',n)
