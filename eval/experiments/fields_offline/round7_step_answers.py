"""Print a step's raw model answers for docs matching a prefix. Usage: step_answers.py TAPES STEP PREFIX..."""
import hashlib,json,sys,glob,os,yaml
tapes,step=sys.argv[1],sys.argv[2]
for pre in sys.argv[3:]:
  for f in sorted(glob.glob(f'/work/main/eval/data/*/docs/{pre}*.txt')):
    sha=hashlib.sha256(open(f,'rb').read().decode().encode()).hexdigest()
    t=f'{tapes}/{sha}.yaml'
    if not os.path.exists(t): continue
    for it in yaml.safe_load(open(t))['interactions']:
        body=json.loads(it['request']['body'])
        if f'Answer step "{step}"' in body['messages'][-1]['content'] or (len(body['messages'])>2 and f'Answer step "{step}"' in body['messages'][-3]['content']):
            ans=json.loads(it['response']['body']['string'])['choices'][0]['message']['content']
            print(os.path.basename(f)[:30], ans[:700].replace('\n',' '))
