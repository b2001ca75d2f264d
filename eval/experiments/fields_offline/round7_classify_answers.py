"""Dump each document's classify answer (event_quote, title, summary) from tapes. Usage: classify_answers.py TAPES OUT.jsonl [DATA_DIRS...]"""
import hashlib,json,sys,glob,os,yaml
tapes=sys.argv[1]; out=open(sys.argv[2],'w')
dirs=sys.argv[3:] or ['/work/main/eval/data']
for d in dirs:
  for f in sorted(glob.glob(f'{d}/*/docs/*.txt')):
    raw=open(f,'rb').read()
    # source sha256 is of the text as read (utf-8)
    sha=hashlib.sha256(raw.decode('utf-8').encode()).hexdigest()
    t=f'{tapes}/{sha}.yaml'
    if not os.path.exists(t): continue
    cas=yaml.safe_load(open(t))
    for it in cas['interactions']:
        body=json.loads(it['request']['body'])
        last=body['messages'][-1]['content'] if body['messages'][-1]['role']=='user' else ''
        if 'Answer step "classify"' in last or 'title and summary must be in English' in last:
            resp=json.loads(it['response']['body']['string'])
            ans=resp['choices'][0]['message']['content']
            out.write(json.dumps({'doc':f.split('/')[-3]+'/'+os.path.basename(f)[:-4],'answer':ans},ensure_ascii=False)+'\n')
